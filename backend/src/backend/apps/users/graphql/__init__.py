"""The users part of the GraphQL schema, composed into the root by `backend.schema`.

Reads only: accounts are written by REST sign-in, the CLI and the admin, so
there is no `UserMutation` (`[tool.conformance.exempt.users]`).
"""

from backend.apps.users.graphql.queries import UserQuery

__all__ = ("UserQuery",)
