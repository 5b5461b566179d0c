"""The root GraphQL schema: every app's `Query` and `Mutation`, by inheritance.

Built once per process (Strawberry refuses a second schema from the same relay
types); per-app settings reach it through the request's context.
"""

import strawberry

from backend.apps.books.graphql import BookMutation, BookQuery
from backend.apps.reviews.graphql import ReviewMutation, ReviewQuery
from backend.apps.users.graphql import UserQuery
from backend.graphql.caching import CachedParsing
from backend.graphql.concurrency import SerialRootFields
from backend.graphql.errors import ErrorCodes, LoggedErrorsSchema
from backend.graphql.limits import EnforceOperationLimits
from backend.graphql.nodes import NodeQuery


@strawberry.type
class Query(BookQuery, ReviewQuery, UserQuery, NodeQuery):
    """Every app's queries, and Relay's `node`/`nodes` for any node type."""


@strawberry.type
class Mutation(BookMutation, ReviewMutation):
    """Every app's mutations."""


schema = LoggedErrorsSchema(
    query=Query,
    mutation=Mutation,
    extensions=[
        EnforceOperationLimits,
        CachedParsing,
        ErrorCodes,
    ],
    execution_context_class=SerialRootFields,
)
