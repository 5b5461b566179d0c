"""The admin at `/admin`: starlette-admin, mounted into the Litestar app.

Views are listed in `admin.views.ADMIN_VIEWS`. Only active superusers sign in
(`admin.auth`); the session lives in a signed cookie (`ADMIN_SESSION_SECRET`),
and so does its CSRF token (`admin.csrf`). Pages (GET, HEAD) read as the API's
reads do, outside a transaction under `DATABASE_READ_STATEMENT_TIMEOUT_MS`;
a database timeout or outage is a 503 page (`admin.database_errors`).
"""

from contextvars import ContextVar
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar import asgi
from litestar.datastructures import State
from litestar.handlers import ASGIRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette_admin.contrib.sqla import Admin
from starlette_admin.security.csrf import CSRFMiddleware

from backend.admin.auth import AdminAuthProvider, limit_sign_ins, redact_sign_in_logs
from backend.admin.body_limit import check_body_size
from backend.admin.csrf import SessionCSRFMiddleware
from backend.admin.database_errors import render_database_errors
from backend.admin.views import ADMIN_VIEWS
from backend.database import READ_METHODS, READ_STATE_KEY
from backend.http.rate_limits import SignInLimits
from backend.settings import Settings

ADMIN_PATH = "/admin"
SESSION_COOKIE = "admin_session"
# Our template overrides and assets (the web font), looked up before the
# package's own; absolute, so the working directory never supplies templates.
TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")
# Whether the admin request being served only reads (GET, HEAD): starlette-admin
# asks the session maker for a session without saying for which request.
_READING: ContextVar[bool] = ContextVar("admin_request_reads", default=False)


class AppSessionMaker(async_sessionmaker[AsyncSession]):
    """The Litestar app's own session makers, looked up on every call.

    A page (GET, HEAD) gets the read maker (autocommit, the read statement
    timeout), anything else the transactional one, as API requests do.
    Advanced Alchemy's maker keeps `updated_at` current, and the tests swap
    both for one bound to their rolled-back transaction.
    """

    def __init__(self, state: State, key: str) -> None:
        super().__init__()
        self._state = state
        self._key = key

    def __call__(self, **local_kw: Any) -> AsyncSession:
        """A new session from the maker the app holds now for this request."""
        state = self._state[READ_STATE_KEY] if _READING.get() else self._state
        maker: async_sessionmaker[AsyncSession] = state[self._key]
        return maker(**local_kw)


def _session_middleware(settings: Settings) -> Middleware:
    return Middleware(
        SessionMiddleware,
        secret_key=settings.admin_session_secret,
        session_cookie=SESSION_COOKIE,
        max_age=settings.admin_session_max_age_seconds,
        path=ADMIN_PATH,
        same_site="lax",
        https_only=settings.is_production,
    )


def _bind_csrf_to_the_session(admin: Admin, settings: Settings) -> None:
    # starlette-admin adds its cookie-bound check; swap it for the session-bound one.
    admin.middlewares = [
        Middleware(SessionCSRFMiddleware, secret_key=settings.admin_session_secret)
        if getattr(middleware, "cls", None) is CSRFMiddleware
        else middleware
        for middleware in admin.middlewares
    ]


def admin_handler(
    *,
    settings: Settings,
    db_config: SQLAlchemyAsyncConfig,
    state: State,
    sign_in_limits: SignInLimits,
) -> ASGIRouteHandler:
    """The Litestar handler that serves the admin under `/admin`."""
    admin = Admin(
        AppSessionMaker(state, db_config.session_maker_app_state_key),
        "Reference backend admin",
        base_url=ADMIN_PATH,
        templates_dir=str(TEMPLATES_DIR),
        static_dir=str(STATIC_DIR),
        auth_provider=AdminAuthProvider(sign_in_limits=sign_in_limits),
        secret_key=settings.admin_session_secret,
        middlewares=[_session_middleware(settings)],
    )
    _bind_csrf_to_the_session(admin, settings)
    limit_sign_ins(admin.routes, sign_in_limits)
    redact_sign_in_logs()
    for view in ADMIN_VIEWS:
        admin.add_view(view)
    site = Starlette()
    admin.mount_to(site)
    render_database_errors(admin)
    # The same ASGI protocol: only the two packages' type hints for it differ.
    serve_site = cast("ASGIApp", site)

    @asgi(ADMIN_PATH, is_mount=True, copy_scope=True)
    async def serve_admin(scope: Scope, receive: Receive, send: Send) -> None:
        # Litestar's body limit does not reach a mounted app: enforce it here.
        check_body_size(scope, settings.request_max_body_bytes)
        # Litestar strips the mount prefix; starlette-admin builds its links and
        # redirects from the full path.
        scope["path"] = unquote(scope["raw_path"].decode("latin-1"))
        reading = _READING.set(scope.get("method") in READ_METHODS)
        try:
            await serve_site(scope, receive, send)
        finally:
            _READING.reset(reading)

    return serve_admin
