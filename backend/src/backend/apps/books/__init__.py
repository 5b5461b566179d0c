"""Books: the sample entity, served over REST, GraphQL and the admin."""
