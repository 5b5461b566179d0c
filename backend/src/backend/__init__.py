"""Reference Litestar + Strawberry GraphQL backend."""
