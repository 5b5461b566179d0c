"""Permission classes for GraphQL fields."""

from typing import Any

from strawberry.permission import BasePermission

from backend.graphql.context import GraphQLInfo
from backend.graphql.errors import ErrorCode


class IsAuthenticated(BasePermission):
    """Only an active, signed-in user may resolve the field (`UNAUTHENTICATED`)."""

    message = (
        "Authentication required: sign in and send `Authorization: Bearer <token>`."
    )
    error_extensions = {"code": ErrorCode.UNAUTHENTICATED}  # noqa: RUF012

    async def has_permission(
        self, source: Any, info: GraphQLInfo, **kwargs: Any
    ) -> bool:
        """Whether the request's bearer token named an active user.

        The authentication middleware looked the user up; a missing, bad,
        expired or stale token left the request anonymous.

        Raises:
            the database error that kept the middleware from looking the user
            up (`SERVICE_UNAVAILABLE`, as any field would answer).
        """
        if info.context.user is not None:
            return True
        if info.context.user_lookup_error is not None:
            raise info.context.user_lookup_error
        return False
