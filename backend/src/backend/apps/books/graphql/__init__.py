"""The books part of the GraphQL schema, composed into the root by `backend.schema`."""

from backend.apps.books.graphql.mutations import BookMutation
from backend.apps.books.graphql.queries import BookQuery

__all__ = ("BookMutation", "BookQuery")
