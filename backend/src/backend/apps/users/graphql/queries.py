"""GraphQL queries for users: one by id, and the signed-in user (`viewer`)."""

import strawberry

from backend.apps.users.graphql.types import UserType
from backend.graphql.context import GraphQLInfo
from backend.kit import queries


@strawberry.type
class UserQuery:
    """User fields of the root `Query`."""

    user_by_id: UserType | None = queries.by_id(
        UserType, description="The user with this id, or null."
    )

    @strawberry.field(
        description="The signed-in user, or null for an anonymous request."
    )
    def viewer(self, info: GraphQLInfo) -> UserType | None:
        """The request's active user (the bearer token's), or None.

        Raises:
            the database error that kept the middleware from looking the user
            up (`SERVICE_UNAVAILABLE`): null would say "signed out".
        """
        user = info.context.user
        if user is None and info.context.user_lookup_error is not None:
            raise info.context.user_lookup_error
        return None if user is None else UserType.from_model(user)
