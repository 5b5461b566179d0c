"""Make sure the database `DATABASE_URL` names exists on a reachable server.

Exit status: 0 when it exists (created if it was missing), 2 when no server
answers (the caller may start one), 1 on any other problem.
"""

import asyncio
import logging
import sys

import asyncpg
from sqlalchemy.engine import URL, make_url

from backend.settings import get_settings

logger = logging.getLogger("ensure_database")
SERVER_UNREACHABLE = 2


def _dsn(url: URL, database: str | None = None) -> str:
    target = url.set(drivername="postgresql")
    if database is not None:
        target = target.set(database=database)
    return target.render_as_string(hide_password=False)


async def ensure(url: URL) -> None:
    """Connect to the database, creating it first when the server lacks it."""
    try:
        connection = await asyncpg.connect(_dsn(url), timeout=3)
    except asyncpg.InvalidCatalogNameError:
        admin = await asyncpg.connect(_dsn(url, "postgres"), timeout=3)
        try:
            await admin.execute(f'CREATE DATABASE "{url.database}"')
        finally:
            await admin.close()
        logger.info("created database %s", url.database)
        return
    await connection.close()
    logger.info("database %s is reachable", url.database)


def main() -> int:
    """Run `ensure` and translate its outcome into an exit status."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    url = make_url(get_settings().database_url.encoded_string())
    try:
        asyncio.run(ensure(url))
    except (OSError, TimeoutError):
        logger.warning("no Postgres answers at %s:%s", url.host, url.port or 5432)
        return SERVER_UNREACHABLE
    except asyncpg.PostgresError as exc:
        logger.error("Postgres refused: %s", exc)  # noqa: TRY400
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
