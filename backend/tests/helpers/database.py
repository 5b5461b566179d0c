"""Throwaway test databases on the server `DATABASE_URL` points at."""

import asyncio
import os
import re

import asyncpg
from advanced_alchemy.alembic.commands import AlembicCommands
from sqlalchemy.engine import make_url

from backend.database import alchemy_config
from tests.helpers.settings import make_settings

TEST_DATABASE_PREFIX = "backend_test_"
_NAME = re.compile(rf"^{TEST_DATABASE_PREFIX}(\d+)(?:_\w+)?$")


def _admin_dsn(url: str) -> str:
    return (
        make_url(url)
        .set(drivername="postgresql", database="postgres")
        .render_as_string(hide_password=False)
    )


def asyncpg_dsn(url: str) -> str:
    """`url` (a SQLAlchemy URL) as a DSN `asyncpg.connect` takes."""
    return (
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


def _owner_is_gone(name: str) -> bool:
    match = _NAME.match(name)
    if match is None:
        return False
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


async def _run(url: str, *statements: str) -> list[str]:
    connection = await asyncpg.connect(_admin_dsn(url))
    try:
        names = [
            row["datname"]
            for row in await connection.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1",
                TEST_DATABASE_PREFIX + "%",
            )
        ]
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()
    return names


def create_database(base_url: str, suffix: str = "") -> str:
    """Create an empty database for this process and return its URL.

    Databases left by test runs whose process is gone are dropped first.
    """
    name = f"{TEST_DATABASE_PREFIX}{os.getpid()}{suffix}"
    existing = asyncio.run(_run(base_url))
    stale = [n for n in existing if n == name or _owner_is_gone(n)]
    asyncio.run(
        _run(
            base_url,
            *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in stale),
            f'CREATE DATABASE "{name}"',
        )
    )
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop the database `url` names."""
    name = make_url(url).database
    asyncio.run(_run(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def migrate(database_url: str, revision: str = "head") -> None:
    """Upgrade a database with the project's migrations."""
    AlembicCommands(
        sqlalchemy_config=alchemy_config(make_settings(database_url))
    ).upgrade(revision)
