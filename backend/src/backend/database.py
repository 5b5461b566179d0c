"""Database wiring: one Advanced Alchemy config for the app, the CLI and the tests."""

from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from advanced_alchemy.config import AlembicAsyncConfig, AsyncSessionConfig
from advanced_alchemy.extensions.litestar import EngineConfig, SQLAlchemyAsyncConfig
from litestar.datastructures import State
from litestar.types import Scope
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from backend.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
READ_METHODS = frozenset({"GET", "HEAD"})
READ_STATE_KEY = "read_session_state"


class AlchemyConfig(SQLAlchemyAsyncConfig):
    """Advanced Alchemy's Litestar config, with reads outside a transaction.

    A GET or HEAD runs one statement (or a few independent ones), so wrapping
    it in BEGIN ... COMMIT would only add two round trips. Its session comes
    from an AUTOCOMMIT view of the same engine and pool; every other method
    gets the usual transactional session, committed on success.
    """

    def create_app_state_items(self) -> dict[str, Any]:
        """App state: the engine and both session makers."""
        items = super().create_app_state_items()
        engine: AsyncEngine = items[self.engine_app_state_key]
        read_maker = async_sessionmaker(
            bind=engine.execution_options(isolation_level="AUTOCOMMIT"),
            expire_on_commit=False,
        )
        items[READ_STATE_KEY] = State({self.session_maker_app_state_key: read_maker})
        return items

    def provide_session(self, state: State, scope: Scope) -> AsyncSession:
        """The request's session: autocommit for reads, transactional otherwise."""
        if scope.get("method") in READ_METHODS:
            return super().provide_session(state[READ_STATE_KEY], scope)
        return super().provide_session(state, scope)

    @contextmanager
    def sessions_from(
        self, state: State, maker: Callable[[], AsyncSession]
    ) -> Generator[None]:
        """Serve every request's session from `maker` while the block runs.

        Tests use it to put all requests on one connection in one transaction.
        """
        key = self.session_maker_app_state_key
        makers = (state[key], state[READ_STATE_KEY][key])
        state[key] = state[READ_STATE_KEY][key] = maker
        try:
            yield
        finally:
            state[key], state[READ_STATE_KEY][key] = makers


def _command_timeout(settings: Settings) -> float | None:
    if settings.database_statement_timeout_ms == 0:
        return None
    return settings.database_statement_timeout_ms / 1000 + 5


def alembic_config() -> AlembicAsyncConfig:
    """Alembic settings: `backend/migrations`, transactional, `alembic_version`."""
    return AlembicAsyncConfig(
        script_location=str(MIGRATIONS_DIR),
        script_config="",
        version_table_name="alembic_version",
        compare_type=True,
        render_as_batch=False,
        user_module_prefix=None,
    )


def alchemy_config(settings: Settings) -> AlchemyConfig:
    """Build the SQLAlchemy config: pool limits, timeouts and commit-on-success."""
    return AlchemyConfig(
        connection_string=settings.database_url.encoded_string(),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
        engine_config=EngineConfig(
            echo=settings.database_echo,
            pool_size=settings.database_pool_size,
            max_overflow=settings.database_max_overflow,
            pool_timeout=settings.database_pool_timeout,
            pool_pre_ping=settings.database_pool_pre_ping,
            connect_args={
                "timeout": settings.database_connect_timeout,
                # A connection that hangs after it was made: give up a little
                # after the server's own statement timeout would have.
                "command_timeout": _command_timeout(settings),
                "server_settings": {
                    "statement_timeout": str(settings.database_statement_timeout_ms),
                    "application_name": "backend",
                },
            },
        ),
        alembic_config=alembic_config(),
        create_all=False,
    )
