"""The GraphQL context: what resolvers receive as `info.context`, built per request.

Litestar's dependency injection builds it (`make_context_getter`), so the
services share the request's `AsyncSession` with the rest of the request.
"""

from collections.abc import Awaitable, Callable

import msgspec
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.litestar import BaseContext
from strawberry.types import Info

from backend.apps.books.services import BookService
from backend.apps.reviews.services import ReviewService
from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.graphql.limits import OperationLimits
from backend.graphql.loaders import Loaders
from backend.http.bearer import bearer_lookup_error
from backend.http.request_log import request_id_of
from backend.http.state import cursor_codec_of
from backend.paging.cursors import CursorCodec


class GraphQLContext(BaseContext, kw_only=True):
    """The request's session and services, its user, the cursor codec, limits,
    and the request's DataLoaders (`loaders`, see `graphql.loaders`).

    `user` is the active user the authentication middleware found for the
    request's bearer token (`request.user`), or None: reads are public, and
    permission classes guard the writes. `user_lookup_error` is set when the
    database was away for that lookup. Strawberry's controller fills `request`.
    """

    db_session: AsyncSession
    books: BookService
    reviews: ReviewService
    users: UserService
    user: UserModel | None
    user_lookup_error: BaseException | None = None
    cursor_codec: CursorCodec
    limits: OperationLimits
    request_id: str
    loaders: Loaders = msgspec.field(default_factory=Loaders)


GraphQLInfo = Info[GraphQLContext, None]


def make_context_getter(
    limits: OperationLimits,
) -> Callable[..., Awaitable[GraphQLContext]]:
    """A Litestar dependency that builds each request's `GraphQLContext`."""

    async def graphql_context(
        scope: Scope,
        state: State,
        db_session: NamedDependency[AsyncSession],
    ) -> GraphQLContext:
        # App-wide objects come from the state, not as sibling dependencies,
        # which Litestar would resolve in a task group (see http/state.py).
        return GraphQLContext(
            db_session=db_session,
            books=BookService(session=db_session),
            reviews=ReviewService(session=db_session),
            users=UserService(session=db_session),
            user=user if isinstance(user := scope.get("user"), UserModel) else None,
            user_lookup_error=bearer_lookup_error(scope),
            cursor_codec=cursor_codec_of(state),
            limits=limits,
            request_id=request_id_of(scope),
        )

    return graphql_context
