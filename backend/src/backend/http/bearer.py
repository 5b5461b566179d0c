"""Authentication: bearer tokens are optional, guards and permissions require them.

Every request may carry `Authorization: Bearer <token>`; the middleware then
sets `request.user` to its active user. A bad token is a 401 on REST; on
`/graphql` the request goes on anonymous, so the permission class answers a
GraphQL error (`UNAUTHENTICATED`) when a field needs the user. Without the
header the request goes on anonymous, so public reads stay public, and
handlers that write declare `guards=[requires_active_user]`.

The user is looked up in a session of its own, closed before the handler
runs: a pooled connection is never held while a slow client's body arrives.
"""

import re
from datetime import timedelta
from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware.authentication import AuthenticationResult
from litestar.openapi.spec import SecurityRequirement
from litestar.security.jwt import JWTAuth, JWTAuthenticationMiddleware, Token
from litestar.types import Scope
from sqlalchemy.exc import SQLAlchemyError

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.database import READ_STATE_KEY
from backend.errors import database_unavailable, query_timed_out
from backend.http.request_log import record_user
from backend.http.tokens import ALGORITHM, user_for_token
from backend.settings import Settings

SECURITY_SCHEME = "BearerToken"
BEARER_SECURITY: list[SecurityRequirement] = [{SECURITY_SCHEME: []}]
# The admin signs in with its own session cookie; the probes must answer
# without a user lookup, whatever headers a load balancer sends.
NOT_AUTHENTICATED_HERE = ["^/admin", "^/schema", "^/health$", "^/ready$"]
# GraphQL answers every error as a GraphQL error: a rejected token leaves the
# request anonymous there, and a field that needs the user refuses it.
_ANONYMOUS_WHEN_REJECTED = re.compile("^/graphql")
_LOOKUP_ERROR_STATE_KEY = "bearer_lookup_error"

AUTHENTICATION_REQUIRED = (
    "Authentication required: send `Authorization: Bearer <token>`"
)
REJECTED_BEARER = "The token is invalid or expired, or its user is no longer active"


def _unauthorized(detail: str) -> NotAuthorizedException:
    return NotAuthorizedException(detail, headers={"WWW-Authenticate": "Bearer"})


class OptionalJWTAuthenticationMiddleware(JWTAuthenticationMiddleware):
    """Litestar's JWT middleware, except that a request without a token passes."""

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        """Anonymous without the header; the token's user, or 401, with it.

        On `/graphql` a rejected header or token leaves the request anonymous,
        and so does a database that is away, noted for `bearer_lookup_error`.

        Raises:
            NotAuthorizedException: the header is not `Bearer <token>`, or the
                token is invalid or names no active user (not on `/graphql`).
        """
        graphql = _ANONYMOUS_WHEN_REJECTED.match(connection.scope["path"]) is not None
        try:
            result = await self._authenticate_header(connection)
        except NotAuthorizedException:
            if graphql:
                return AuthenticationResult(user=None, auth=None)
            raise
        except (SQLAlchemyError, OSError) as exc:  # TimeoutError is an OSError
            if not graphql or not (database_unavailable(exc) or query_timed_out(exc)):
                raise
            connection.scope.setdefault("state", {})[_LOOKUP_ERROR_STATE_KEY] = exc
            return AuthenticationResult(user=None, auth=None)
        if isinstance(result.user, UserModel):
            record_user(connection.scope, result.user.id)
        return result

    async def _authenticate_header(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        header = connection.headers.get(self.auth_header)
        if not header:
            return AuthenticationResult(user=None, auth=None)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthorized(AUTHENTICATION_REQUIRED)
        try:
            return await self.authenticate_token(
                encoded_token=token.strip(), connection=connection
            )
        except NotAuthorizedException as exc:
            raise _unauthorized(REJECTED_BEARER) from exc


def bearer_lookup_error(scope: Scope) -> BaseException | None:
    """The database error that kept the token's user from being looked up (`/graphql`).

    GraphQL raises it again where a field needs the user, so the client gets
    `SERVICE_UNAVAILABLE` (as from any field), not `UNAUTHENTICATED`.
    """
    return scope.get("state", {}).get(_LOOKUP_ERROR_STATE_KEY)


def build_jwt_auth(
    *, settings: Settings, db_config: SQLAlchemyAsyncConfig
) -> JWTAuth[UserModel, Token]:
    """The app's JWT configuration: the secret, the lifetime, the user lookup."""

    async def retrieve_user(
        token: Token, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> UserModel | None:
        # Not the request's session: that one would keep its connection while
        # the body arrives. One autocommit SELECT, then the connection is back.
        state = connection.app.state[READ_STATE_KEY]
        async with state[db_config.session_maker_app_state_key]() as session:
            return await user_for_token(token, users=UserService(session=session))

    return JWTAuth[UserModel, Token](
        retrieve_user_handler=retrieve_user,
        token_secret=settings.secret_key,
        algorithm=ALGORITHM,
        default_token_expiration=timedelta(seconds=settings.access_token_ttl_seconds),
        authentication_middleware_class=OptionalJWTAuthenticationMiddleware,
        exclude=NOT_AUTHENTICATED_HERE,
        openapi_security_scheme_name=SECURITY_SCHEME,
        description="An access token from `POST /api/auth/login`.",
    )


def requires_active_user(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Guard: let the request through only with a valid token of an active user.

    Raises:
        NotAuthorizedException: the request is anonymous (401).
    """
    if connection.scope.get("user") is None:
        raise _unauthorized(AUTHENTICATION_REQUIRED)
