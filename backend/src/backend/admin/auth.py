"""Admin sign-in: only active superusers, remembered in a signed session cookie.

Each request loads the user again, so deactivating a user or taking away
`is_superuser` ends their admin session at once. The session holds the
user's credentials version: a password change, a deactivation or
reactivation, or signing out (which moves the version on) ends every
session and token issued before, copies of the cookie included.

Sign-ins spend the same budgets as the API's (`rate_limits.SignInLimits`):
the client's when Starlette routed a POST to the login page, the account's
once the form names one (given back when the sign-in succeeds: only failures
stay counted).
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from litestar.exceptions import TooManyRequestsException
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from starlette_admin.auth import AdminUser, AuthProvider, LoginFailed

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService, canonical_email
from backend.http.rate_limits import SignInLimits, client_address
from backend.kit.services import Actor

SESSION_USER_KEY = "user_id"
SESSION_VERSION_KEY = "credentials_version"
LOGIN_REFUSED = "Invalid email or password, or not an administrator."
TOO_MANY_ATTEMPTS = "Too many sign-in attempts; try again later."
LOGIN_ROUTE_NAME = "login"
# starlette-admin logs the typed username (and the display name, an email
# here) on sign-in attempts, and the search text (an email, in the user list)
# and filters of every list page; these loggers get those values redacted.
REDACTED_LOGGERS = (
    "starlette_admin.auth.password",
    "starlette_admin.auth.base",
    "starlette_admin.base",
    "starlette_admin.contrib.sqla.view",
)
_REDACTED_ARGUMENTS = ("username=", "user=", "q=", "filters=")
REDACTED = "[redacted]"
_PLACEHOLDER = re.compile(r"%[rsd]")


@dataclass
class SignedInAdmin(AdminUser):
    """The signed-in superuser, as starlette-admin keeps it for the request
    (`request.state.admin_user`), with the `Actor` the views write as."""

    actor: Actor | None = None


def admin_actor(request: Request) -> Actor:
    """The `Actor` of the superuser signed in to this admin request.

    Raises:
        PermissionError: no superuser is signed in (starlette-admin lets no
            such request reach a view).
    """
    admin = getattr(request.state, "admin_user", None)
    if not isinstance(admin, SignedInAdmin) or admin.actor is None:
        raise PermissionError("No administrator is signed in.")
    return admin.actor


def _users(request: Request) -> UserService:
    session: AsyncSession = request.state.session
    return UserService(session=session)


class AdminAuthProvider(AuthProvider):
    """Email and password of an active superuser; anyone else is refused."""

    def __init__(self, *, sign_in_limits: SignInLimits) -> None:
        super().__init__()
        self._limits = sign_in_limits

    async def login(
        self,
        username: str,
        password: str,
        remember_me: bool,
        request: Request,
    ) -> Response | None:
        """Remember the superuser and their credentials version in the session.

        Raises:
            LoginFailed: wrong credentials, inactive account or not a superuser,
                all with one message.
            TooManyRequestsException: the account's sign-in budget is spent.
        """
        # A refusal passes through starlette-admin to `limit_sign_ins`: a 429.
        account = canonical_email(username)
        await self._limits.spend_account(account)
        user = await _users(request).authenticate(email=username, password=password)
        if user is None or not user.is_superuser:
            raise LoginFailed(LOGIN_REFUSED)
        await self._limits.give_back_account(account)
        request.session.clear()
        request.session[SESSION_USER_KEY] = user.id
        request.session[SESSION_VERSION_KEY] = user.credentials_version
        return None

    async def logout(self, request: Request) -> Response | None:
        """Forget the signed-in user and end every session and token they hold."""
        user_id = request.session.get(SESSION_USER_KEY)
        request.session.clear()
        if isinstance(user_id, int):
            await _users(request).end_credentials(user_id=user_id)
        return None

    async def authenticate(self, request: Request) -> SignedInAdmin | None:
        """The signed-in superuser, or `None` (the admin then redirects to login)."""
        user_id = request.session.get(SESSION_USER_KEY)
        version = request.session.get(SESSION_VERSION_KEY)
        if not isinstance(user_id, int) or not isinstance(version, int):
            return None
        user = await _users(request).get_active_user(
            user_id=user_id, credentials_version=version
        )
        if user is None or not user.is_superuser:
            return None
        return SignedInAdmin(username=_display_name(user), actor=Actor.of(user))


def _display_name(user: UserModel) -> str:
    return user.full_name or user.email


def limit_sign_ins(routes: Sequence[BaseRoute], limits: SignInLimits) -> None:
    """Make the POSTs Starlette routes to the login route spend the client budget.

    Decided by the route Starlette matched, so every spelling of its path
    counts; an attempt beyond the client's or the account's budget gets 429
    with `Retry-After`.
    """
    login = next(
        route
        for route in routes
        if isinstance(route, Route) and route.name == LOGIN_ROUTE_NAME
    )
    endpoint = login.app

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            await endpoint(scope, receive, send)
            return
        try:
            await limits.spend_client(client_address(scope))
            await endpoint(scope, receive, send)
        except TooManyRequestsException as exc:
            refusal = PlainTextResponse(
                TOO_MANY_ATTEMPTS, status_code=exc.status_code, headers=exc.headers
            )
            await refusal(scope, receive, send)

    login.app = counted


def redact_sign_in_logs() -> None:
    """Keep account names and search text out of starlette-admin's log lines."""
    for name in REDACTED_LOGGERS:
        logging.getLogger(name).addFilter(_REDACT_ACCOUNT_NAMES)


class _RedactAccountNames(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.args, tuple) or not isinstance(record.msg, str):
            return True
        args = list(record.args)
        for index, match in enumerate(_PLACEHOLDER.finditer(record.msg)):
            before = record.msg[: match.start()]
            if index < len(args) and before.endswith(_REDACTED_ARGUMENTS):
                args[index] = REDACTED
        record.args = tuple(args)
        return True


_REDACT_ACCOUNT_NAMES = _RedactAccountNames()
