"""Book tests over GraphQL."""
