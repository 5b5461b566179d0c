"""A throwaway benchmark database: created, migrated by Alembic, filled with COPY."""

import asyncio
import sys
from datetime import UTC, date, datetime, timedelta

import asyncpg
from advanced_alchemy.alembic.commands import AlembicCommands
from sqlalchemy.engine import make_url

from backend.database import alchemy_config
from backend.settings import Settings

BATCH = 10_000
_START = datetime(2020, 1, 1, tzinfo=UTC)


def _dsn(url: str, database: str | None = None) -> str:
    target = make_url(url).set(drivername="postgresql")
    if database is not None:
        target = target.set(database=database)
    return target.render_as_string(hide_password=False)


def _isbn13(number: int) -> str:
    first12 = f"978{number:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _row(n: int) -> tuple[object, ...]:
    created = _START + timedelta(seconds=n * 7)
    published = (
        None if n % 6 == 0 else date(1950, 1, 1) + timedelta(days=n * 13 % 27_000)
    )
    return (
        f"Book {n * 7919 % 100_003:06d}",
        f"Author {n % 997}",
        _isbn13(n),
        published,
        1 + n % 1500,
        created,
        created,
    )


def _progress(done: int, total: int) -> None:
    width = 40
    filled = width * done // total
    sys.stderr.write(
        f"\r  seeding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
    )
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


async def _recreate(url: str) -> None:
    name = make_url(url).database
    admin = await asyncpg.connect(_dsn(url, "postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def _fill(url: str, rows: int) -> None:
    connection = await asyncpg.connect(_dsn(url))
    try:
        columns = [
            "title",
            "author",
            "isbn",
            "published_on",
            "page_count",
            "created_at",
            "updated_at",
        ]
        for start in range(0, rows, BATCH):
            records = [_row(n) for n in range(start, min(start + BATCH, rows))]
            await connection.copy_records_to_table(
                "book", records=records, columns=columns
            )
            _progress(start + len(records), rows)
        await connection.execute("ANALYZE book")
    finally:
        await connection.close()


async def drop(url: str) -> None:
    """Drop the benchmark database."""
    name = make_url(url).database
    admin = await asyncpg.connect(_dsn(url, "postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def prepare(settings: Settings, rows: int) -> None:
    """Create the database, migrate it to head and insert `rows` books."""
    url = settings.database_url.encoded_string()
    asyncio.run(_recreate(url))
    AlembicCommands(sqlalchemy_config=alchemy_config(settings)).upgrade("head")
    asyncio.run(_fill(url, rows))
