"""Entity-agnostic test helpers: settings, databases, HTTP, GraphQL, SQL, listings."""
