"""REST sign-in at `/api/auth`: exchange credentials for a token; who am I."""

from datetime import timedelta
from typing import Any

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from backend.apps.users.models import UserModel
from backend.apps.users.schemas import AccessTokenRead, LoginRequest, UserRead
from backend.apps.users.services import UserService
from backend.auth.bearer import BEARER_SECURITY, requires_active_user
from backend.auth.tokens import issue_access_token
from backend.http_errors import error_responses
from backend.settings import Settings

AUTH_PATH = "/api/auth"
LOGIN_PATH = f"{AUTH_PATH}/login"
INVALID_CREDENTIALS = "Invalid email or password."


class AuthController(Controller):
    """Sign in with email and password; read the signed-in user."""

    path = AUTH_PATH
    tags = ["auth"]  # noqa: RUF012
    dependencies = {"users": Provide(create_service_provider(UserService))}  # noqa: RUF012

    @post(
        "/login",
        summary="Exchange email and password for a bearer token",
        description="Rate limited per client: 429 with `Retry-After` beyond "
        "`LOGIN_RATE_LIMIT` attempts per `LOGIN_RATE_LIMIT_WINDOW`.",
        status_code=HTTP_200_OK,
        responses=error_responses(400, 401, 429),
        # A stale token left in the client's headers must not block signing in.
        exclude_from_auth=True,
    )
    async def login(
        self,
        data: JSONBody[LoginRequest],
        users: NamedDependency[UserService],
        settings: NamedDependency[Settings],
    ) -> AccessTokenRead:
        """A short-lived token for an active user; one 401 for every failure."""
        user = await users.authenticate(email=data.email, password=data.password)
        if user is None:
            raise NotAuthorizedException(INVALID_CREDENTIALS)
        ttl = timedelta(seconds=settings.access_token_ttl_seconds)
        token = issue_access_token(user_id=user.id, secret=settings.secret_key, ttl=ttl)
        return AccessTokenRead(access_token=token, expires_in=int(ttl.total_seconds()))

    @get(
        "/me",
        summary="The user the bearer token belongs to",
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(401),
    )
    async def me(self, request: Request[UserModel, Any, Any]) -> UserRead:
        """The signed-in user."""
        return UserRead.from_model(request.user)
