"""The application factory: `litestar --app backend.app:create_app run`."""

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging.config import LoggingConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin

from backend.apps.books.controllers import BookController
from backend.cursors import CursorCodec
from backend.database import alchemy_config
from backend.dependencies import CURSOR_CODEC_STATE_KEY, provide_cursor_codec
from backend.health import HealthController
from backend.http_errors import EXCEPTION_HANDLERS
from backend.settings import Settings, get_settings

MAX_BODY_BYTES = 1024 * 1024


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app from `settings` (the environment's when omitted)."""
    settings = settings or get_settings()
    return Litestar(
        route_handlers=[HealthController, BookController],
        plugins=[SQLAlchemyPlugin(config=alchemy_config(settings))],
        dependencies={
            "cursor_codec": Provide(provide_cursor_codec, sync_to_thread=False)
        },
        state=State({CURSOR_CODEC_STATE_KEY: CursorCodec(settings.secret_key)}),
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="Reference backend",
            version="0.1.0",
            path="/schema",
            render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin()],
        ),
        logging_config=LoggingConfig(
            root={
                "level": settings.log_level,
                "handlers": ["queue_listener"],
            },
            log_exceptions="debug",
        ),
        request_max_body_size=MAX_BODY_BYTES,
        debug=settings.debug,
    )
