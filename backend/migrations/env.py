"""Alembic environment: runs every revision inside one transaction per upgrade."""

import asyncio
from typing import TYPE_CHECKING, Literal, cast

from advanced_alchemy.base import metadata_registry
from advanced_alchemy.types import DateTimeUTC
from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_engine_from_config

import backend.models  # noqa: F401  (registers every table on the metadata)

if TYPE_CHECKING:
    from advanced_alchemy.alembic.commands import AlembicCommandConfig

config = cast("AlembicCommandConfig", context.config)


def _render_item(
    type_: str, obj: object, autogen_context: AutogenContext
) -> str | Literal[False]:
    """Render Advanced Alchemy's column types with an import, not a module path."""
    if type_ == "type" and isinstance(obj, DateTimeUTC):
        autogen_context.imports.add("from advanced_alchemy.types import DateTimeUTC")
        return "DateTimeUTC(timezone=True)"
    return False


def _configure(*, connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        literal_binds=connection is None,
        dialect_opts={"paramstyle": "named"} if connection is None else None,
        target_metadata=metadata_registry.get(config.bind_key),
        compare_type=config.compare_type,
        version_table=config.version_table_name,
        version_table_schema=config.version_table_schema,
        user_module_prefix=config.user_module_prefix,
        transaction_per_migration=False,
        render_item=_render_item,
    )


def run_migrations_offline() -> None:
    """Emit the SQL of the migrations instead of running them (`--sql`)."""
    _configure(url=config.db_url)
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    """Run the migrations on a fresh connection; all or nothing."""
    engine = async_engine_from_config(
        {"sqlalchemy.url": config.db_url}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    connectable: AsyncEngine = engine
    async with connectable.connect() as connection:
        await connection.run_sync(_run_on)
    await connectable.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
