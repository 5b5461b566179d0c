"""REST sign-in at `/api/auth`: exchange credentials for a token; who am I;
change one's password.
"""

from datetime import timedelta
from typing import Any

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from backend.apps.users.models import UserModel
from backend.apps.users.schemas import (
    AccessTokenRead,
    LoginRequest,
    PasswordChangeRequest,
    UserRead,
)
from backend.apps.users.services import UserService, canonical_email
from backend.http.bearer import BEARER_SECURITY, requires_active_user
from backend.http.errors import error_responses
from backend.http.rate_limits import SIGN_IN_OPT, SignInLimits, sign_in_limits_of
from backend.http.tokens import issue_access_token
from backend.kit.rest import read_as
from backend.settings import Settings

AUTH_PATH = "/api/auth"
INVALID_CREDENTIALS = "Invalid email or password."
SIGN_IN_LIMITED = (
    "Sign-ins are rate limited per client address (`LOGIN_RATE_LIMIT` per "
    "`LOGIN_RATE_LIMIT_WINDOW`, every attempt) and per account "
    "(`LOGIN_ACCOUNT_RATE_LIMIT` failed attempts per "
    "`LOGIN_ACCOUNT_RATE_LIMIT_WINDOW`): 429 with `Retry-After` beyond either."
)


def _token_for(user: UserModel, settings: Settings) -> AccessTokenRead:
    ttl = timedelta(seconds=settings.access_token_ttl_seconds)
    token = issue_access_token(
        user_id=user.id,
        credentials_version=user.credentials_version,
        secret=settings.secret_key,
        ttl=ttl,
    )
    return AccessTokenRead(access_token=token, expires_in=int(ttl.total_seconds()))


class AuthController(Controller):
    """Sign in with email and password; read the signed-in user."""

    path = AUTH_PATH
    tags = ["auth"]  # noqa: RUF012
    dependencies = {  # noqa: RUF012
        "users": Provide(create_service_provider(UserService)),
        "sign_in_limits": Provide(sign_in_limits_of, sync_to_thread=False),
    }

    @post(
        "/login",
        summary="Exchange email and password for a bearer token",
        description=SIGN_IN_LIMITED,
        status_code=HTTP_200_OK,
        responses=error_responses(400, 401, 429),
        # A stale token left in the client's headers must not block signing in.
        exclude_from_auth=True,
        opt={SIGN_IN_OPT: True},
    )
    async def login(
        self,
        data: JSONBody[LoginRequest],
        users: NamedDependency[UserService],
        settings: NamedDependency[Settings],
        sign_in_limits: NamedDependency[SignInLimits],
    ) -> AccessTokenRead:
        """A short-lived token for an active user; one 401 for every failure."""
        account = canonical_email(data.email)
        await sign_in_limits.spend_account(account)
        user = await users.authenticate(email=data.email, password=data.password)
        if user is None:
            raise NotAuthorizedException(INVALID_CREDENTIALS)
        await sign_in_limits.give_back_account(account)
        return _token_for(user, settings)

    @post(
        "/password",
        summary="Change the signed-in user's password",
        description="Checks `current_password`, stores `new_password` (8 to 128 "
        "characters, no control character, at least one visible one) and "
        "answers a fresh token: every token and admin session issued before, "
        "this request's included, stops working. A wrong `current_password` is "
        "a 400 naming that field; of concurrent changes one wins, the others "
        "get that 400. " + SIGN_IN_LIMITED,
        status_code=HTTP_200_OK,
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(400, 401, 429),
        opt={SIGN_IN_OPT: True},
    )
    async def change_password(
        self,
        request: Request[UserModel, Any, Any],
        data: JSONBody[PasswordChangeRequest],
        users: NamedDependency[UserService],
        settings: NamedDependency[Settings],
        sign_in_limits: NamedDependency[SignInLimits],
    ) -> AccessTokenRead:
        """A token for the new password, once the current one is checked."""
        await sign_in_limits.spend_account(request.user.email)
        user = await users.change_password(
            user=request.user,
            current_password=data.current_password,
            new_password=data.new_password,
        )
        await sign_in_limits.give_back_account(request.user.email)
        return _token_for(user, settings)

    @get(
        "/me",
        summary="The user the bearer token belongs to",
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(401),
    )
    async def me(self, request: Request[UserModel, Any, Any]) -> UserRead:
        """The signed-in user."""
        return read_as(UserRead, request.user)
