"""Database wiring: one Advanced Alchemy config for the app, the CLI and the tests."""

from pathlib import Path

from advanced_alchemy.config import AlembicAsyncConfig, AsyncSessionConfig
from advanced_alchemy.extensions.litestar import EngineConfig, SQLAlchemyAsyncConfig

from backend.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


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


def alchemy_config(settings: Settings) -> SQLAlchemyAsyncConfig:
    """Build the SQLAlchemy config: pool limits, timeouts and commit-on-success."""
    return SQLAlchemyAsyncConfig(
        connection_string=settings.database_url.encoded_string(),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
        engine_config=EngineConfig(
            echo=settings.database_echo,
            pool_size=settings.database_pool_size,
            max_overflow=settings.database_max_overflow,
            pool_timeout=settings.database_pool_timeout,
            pool_pre_ping=True,
            connect_args={
                "timeout": settings.database_connect_timeout,
                "server_settings": {
                    "statement_timeout": str(settings.database_statement_timeout_ms),
                    "application_name": "backend",
                },
            },
        ),
        alembic_config=alembic_config(),
        create_all=False,
    )
