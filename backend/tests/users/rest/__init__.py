"""User tests over REST."""
