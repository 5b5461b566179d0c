"""The GraphQL context: what resolvers receive as `info.context`, built per request.

Litestar's dependency injection builds it (`make_context_getter`), so the
services share the request's `AsyncSession` with the rest of the request.
"""

from collections.abc import Awaitable, Callable

from litestar.datastructures import Headers, State
from litestar.di import NamedDependency
from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.litestar import BaseContext
from strawberry.types import Info

from backend.apps.books.services import BookService
from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.graphql.limits import OperationLimits
from backend.http.request_log import record_user, request_id_of
from backend.http.state import cursor_codec_of, settings_of
from backend.http.tokens import user_from_token
from backend.paging.cursors import CursorCodec


class CurrentUser:
    """The active user a request's bearer token names, looked up once, on first use.

    Once found, the user is recorded for the request's log line.
    """

    def __init__(
        self, token: str | None, *, users: UserService, secret: str, scope: Scope
    ) -> None:
        self._token = token
        self._users = users
        self._secret = secret
        self._scope = scope
        self._looked_up = False
        self._user: UserModel | None = None

    async def get(self) -> UserModel | None:
        """The user, or `None` without a token or for a bad, expired or stale one."""
        if not self._looked_up and self._token is not None:
            self._user = await user_from_token(
                self._token, users=self._users, secret=self._secret
            )
            if self._user is not None:
                record_user(self._scope, self._user.id)
        self._looked_up = True
        return self._user


class GraphQLContext(BaseContext, kw_only=True):
    """The request's session and services, its user, the cursor codec and limits.

    `user` resolves the active user of the request's bearer token when first
    asked (reads are public and do not pay for it; permission classes guard
    the writes). Strawberry's controller fills `request`.
    """

    db_session: AsyncSession
    books: BookService
    user: CurrentUser
    cursor_codec: CursorCodec
    limits: OperationLimits
    request_id: str


GraphQLInfo = Info[GraphQLContext, None]


def bearer_token_of(headers: Headers) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if there is one."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def make_context_getter(
    limits: OperationLimits,
) -> Callable[..., Awaitable[GraphQLContext]]:
    """A Litestar dependency that builds each request's `GraphQLContext`."""

    async def graphql_context(
        headers: Headers,
        scope: Scope,
        state: State,
        db_session: NamedDependency[AsyncSession],
    ) -> GraphQLContext:
        # App-wide objects come from the state, not as sibling dependencies,
        # which Litestar would resolve in a task group (see dependencies.py).
        return GraphQLContext(
            db_session=db_session,
            books=BookService(session=db_session),
            user=CurrentUser(
                bearer_token_of(headers),
                users=UserService(session=db_session),
                secret=settings_of(state).secret_key,
                scope=scope,
            ),
            cursor_codec=cursor_codec_of(state),
            limits=limits,
            request_id=request_id_of(scope),
        )

    return graphql_context
