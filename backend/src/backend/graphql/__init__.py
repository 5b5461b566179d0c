"""GraphQL plumbing every app shares: context, limits, error mapping, controller."""
