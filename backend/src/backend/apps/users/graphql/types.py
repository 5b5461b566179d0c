"""GraphQL output types for users: the `User` node, public fields only.

An account's email, flags and credentials never reach GraphQL: `UserType`
has no field for them, and `from_model` copies only its own fields.
"""

import strawberry
from strawberry import relay

from backend.apps.reviews.services import ReviewListQuery
from backend.apps.users.services import UserService
from backend.graphql.context import GraphQLInfo
from backend.kit import queries
from backend.kit.relay import ModelNode

USER_TYPE_NAME = "User"


@strawberry.type(
    name=USER_TYPE_NAME, description="A user, as other users see them: a name."
)
class UserType(ModelNode, relay.Node):
    """An account's public face: its id and full name."""

    id: relay.NodeID[int]
    full_name: str | None
    type_name = USER_TYPE_NAME
    not_found = "User not found."

    @classmethod
    def service(cls, info: GraphQLInfo) -> UserService:
        """The request's user service."""
        return info.context.users

    reviews: relay.Connection[relay.Node] = queries.children(
        "ReviewConnection",
        node="Review",
        order="ReviewOrder",
        module="backend.apps.reviews.graphql",
        listing=ReviewListQuery,
        parent="user_id",
        description="The user's reviews in `orderBy` order, a page at a time "
        "(1 to 100, default 20).",
        order_description="Default: newest first.",
    )


__all__ = ("USER_TYPE_NAME", "UserType")
