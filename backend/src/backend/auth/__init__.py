"""Who is calling: access tokens, the REST middleware and guards."""
