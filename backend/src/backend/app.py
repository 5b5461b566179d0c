"""The application factory: `litestar --app backend.app:create_app run`."""

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging.config import LoggingConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components

from backend.admin import admin_handler
from backend.apps.books.controllers import BookController
from backend.apps.reviews.controllers import BookReviewController, ReviewController
from backend.apps.users.controllers import AuthController
from backend.database import alchemy_config
from backend.graphql.controller import graphql_controller
from backend.http.bearer import build_jwt_auth
from backend.http.errors import EXCEPTION_HANDLERS, JSONBodyRequest
from backend.http.frontend import frontend_routes
from backend.http.health import HealthController
from backend.http.openapi import (
    StrictStructSchemaPlugin,
    integers_in_digits,
    options_allow,
)
from backend.http.rate_limits import (
    SIGN_IN_LIMITS_STATE_KEY,
    SignInLimits,
    SignInRateLimitMiddleware,
    api_rate_limit,
)
from backend.http.request_budget import RequestBudget
from backend.http.request_log import RequestLog
from backend.http.security_headers import allowed_hosts, cors_config, security_headers
from backend.http.state import (
    CURSOR_CODEC_STATE_KEY,
    SETTINGS_STATE_KEY,
    settings_of,
)
from backend.http.stores import AppStores
from backend.paging.cursors import CursorCodec
from backend.settings import Settings, get_settings


def _api_docs(settings: Settings, components: Components) -> OpenAPIConfig | None:
    """The OpenAPI document and its viewers under `/schema`, when `API_DOCS` is on."""
    if not settings.api_docs_enabled:
        return None
    return OpenAPIConfig(
        "Reference backend",
        version="0.1.0",
        path="/schema",
        components=[components],
        render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin()],
    )


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app from `settings` (the environment's when omitted)."""
    settings = settings or get_settings()
    db_config = alchemy_config(settings)
    jwt_auth = build_jwt_auth(settings=settings, db_config=db_config)
    stores = AppStores(settings)
    sign_in_limits = SignInLimits(settings=settings, stores=stores.registry)
    state = State(
        {
            CURSOR_CODEC_STATE_KEY: CursorCodec(settings.secret_key),
            SETTINGS_STATE_KEY: settings,
            SIGN_IN_LIMITS_STATE_KEY: sign_in_limits,
        }
    )
    # The routes that take passwords spend the sign-in budgets: the API's by
    # their handler's `sign_in` opt, the admin's inside the admin (its login route).
    sign_in = Router(
        path="/",
        route_handlers=[
            AuthController,
            admin_handler(
                settings=settings,
                db_config=db_config,
                state=state,
                sign_in_limits=sign_in_limits,
            ),
        ],
        middleware=[SignInRateLimitMiddleware()],
    )
    app = Litestar(
        route_handlers=[
            HealthController,
            sign_in,
            BookController,
            BookReviewController,
            ReviewController,
            graphql_controller(settings),
            *frontend_routes(settings.frontend_dist),
        ],
        plugins=[SQLAlchemyPlugin(config=db_config), StrictStructSchemaPlugin()],
        guards=[integers_in_digits],
        middleware=[
            allowed_hosts(settings),
            api_rate_limit(settings).middleware,
            jwt_auth.middleware,
        ],
        stores=stores.registry,
        lifespan=[stores.lifespan],
        before_send=[security_headers(settings), options_allow],
        cors_config=cors_config(settings),
        dependencies={
            "settings": Provide(settings_of, sync_to_thread=False),
        },
        state=state,
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=JSONBodyRequest,
        openapi_config=_api_docs(settings, jwt_auth.openapi_components),
        logging_config=LoggingConfig(
            root={
                "level": settings.log_level,
                "handlers": ["queue_listener"],
            },
            # http/errors.py logs each 500 once, with the request id; Litestar
            # would log 4xx too and the 500s a second time.
            log_exceptions="never",
        ),
        request_max_body_size=settings.request_max_body_bytes,
        debug=settings.debug,
    )
    app.asgi_handler = RequestLog(
        RequestBudget(app.asgi_handler, seconds=settings.request_timeout_seconds)
    )
    return app
