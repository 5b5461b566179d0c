"""Database wiring: one Advanced Alchemy config for the app, the CLI and the tests.

Statement timeouts: a connection starts with the short read timeout
(`DATABASE_READ_STATEMENT_TIMEOUT_MS`), which REST reads (autocommit sessions),
`/ready`, the admin and the CLI run under. A request's transactional session
raises it to `DATABASE_STATEMENT_TIMEOUT_MS` with `SET LOCAL` as its
transaction begins; the setting ends with the transaction, so no pooled
connection keeps it.
"""

from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from advanced_alchemy.config import AlembicAsyncConfig, AsyncSessionConfig
from advanced_alchemy.extensions.litestar import EngineConfig, SQLAlchemyAsyncConfig
from litestar.datastructures import State
from litestar.types import Scope
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, SessionTransaction

from backend.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
READ_METHODS = frozenset({"GET", "HEAD"})
READ_STATE_KEY = "read_session_state"
STATEMENT_TIMEOUT_INFO_KEY = "statement_timeout_ms"


def _raise_statement_timeout(
    session: Session, _transaction: SessionTransaction, connection: Connection
) -> None:
    timeout_ms = session.info.get(STATEMENT_TIMEOUT_INFO_KEY)
    if timeout_ms is not None:
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout_ms)}")


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

    def create_session_maker(self) -> Callable[[], AsyncSession]:
        """The transactional session maker; its sessions set their statement timeout."""
        maker = super().create_session_maker()
        if isinstance(maker, async_sessionmaker):
            sync_maker = maker.kw.get("sync_session_class")
            if sync_maker is not None and not event.contains(
                sync_maker, "after_begin", _raise_statement_timeout
            ):
                event.listen(sync_maker, "after_begin", _raise_statement_timeout)
        return maker

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
    timeouts = (
        settings.database_statement_timeout_ms,
        settings.database_read_statement_timeout_ms,
    )
    if 0 in timeouts:
        return None
    return max(timeouts) / 1000 + 5


def _write_timeout(settings: Settings) -> dict[str, Any]:
    if (
        settings.database_statement_timeout_ms
        == settings.database_read_statement_timeout_ms
    ):
        return {}
    return {STATEMENT_TIMEOUT_INFO_KEY: settings.database_statement_timeout_ms}


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
        session_config=AsyncSessionConfig(
            expire_on_commit=False, info=_write_timeout(settings)
        ),
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
                    "statement_timeout": str(
                        settings.database_read_statement_timeout_ms
                    ),
                    "application_name": "backend",
                    # Plan each statement for its values: a plan cached for
                    # one search (`q` found in every row) is wrong for another
                    # (found in two), and a generic plan cannot know which.
                    "plan_cache_mode": "force_custom_plan",
                },
            },
        ),
        alembic_config=alembic_config(),
        create_all=False,
    )
