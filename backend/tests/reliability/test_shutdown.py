"""Graceful shutdown: on SIGTERM the request in flight finishes, then the pool closes.

The test holds a lock on the `book` table in a connection of its own, so a
listing waits inside the database; it sends SIGTERM while the listing is in
flight, releases the lock, and checks that the listing still answers 200,
that the server exits 0 and that it leaves no connection behind.
"""

import asyncio
import signal
import time
from collections.abc import AsyncGenerator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.helpers.database import asyncpg_dsn
from tests.reliability.servers import STOP_TIMEOUT_SECONDS, Server, serve, server_env

pytestmark = pytest.mark.reliability

DEADLINE_SECONDS = 15.0
APP_CONNECTIONS = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND application_name = 'backend'"
)
WAITING_ON_LOCK = APP_CONNECTIONS + " AND wait_event_type = 'Lock'"


@pytest.fixture
async def server(app_database: str, log_dir: Path) -> AsyncGenerator[Server]:
    """The app on its own database."""
    async with serve(server_env(app_database), log_dir=log_dir) as served:
        yield served


async def poll(connection: asyncpg.Connection, query: str, expected: int) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while await connection.fetchval(query) != expected:
        if time.monotonic() > deadline:
            raise TimeoutError(query)
        await asyncio.sleep(0.05)


async def test_sigterm_lets_the_request_in_flight_finish_and_closes_the_pool(
    server: Server, app_database: str, figures: dict[str, str]
) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(app_database))
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            # An app that has served: its pool holds a connection to close.
            assert (await http.get("/api/books")).status_code == 200
        lock = connection.transaction()
        await lock.start()
        await connection.execute("LOCK TABLE book IN ACCESS EXCLUSIVE MODE")
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
            in_flight = asyncio.create_task(http.get("/api/books"))
            await poll(connection, WAITING_ON_LOCK, 1)
            server.process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.5)
            assert server.process.poll() is None, "exited with a request in flight"
            released = time.monotonic()
            await lock.rollback()
            response = await in_flight
        assert response.status_code == 200
        exit_code = await asyncio.to_thread(server.process.wait, STOP_TIMEOUT_SECONDS)
        stopped_after = time.monotonic() - released
        await poll(connection, APP_CONNECTIONS, 0)
    finally:
        await connection.close()
    figures["graceful shutdown"] = (
        f"request in flight answered 200; exited {stopped_after * 1000:.0f} ms "
        "after the lock was released; 0 connections left"
    )
    # uvicorn re-raises the signal once it has shut down cleanly.
    assert exit_code in {0, -signal.SIGTERM}
