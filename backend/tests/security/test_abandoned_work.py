"""Abandoned work stops: a client that leaves, or a request out of time, ends its query.

A query is made to hang for real: the test holds an ACCESS EXCLUSIVE lock on
the `book` table, so the app's own listing and search statements wait in the
database (`state = 'active'` in pg_stat_activity, application_name
`backend`) until the lock goes, the statement is cancelled or it times out.
Admin pages read under the same short read timeout and end in a 503 page.
"""

import asyncio
import json
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest

from tests.helpers.admin_forms import sign_in
from tests.helpers.database import asyncpg_dsn
from tests.reliability.conftest import USER_EMAIL, add_user
from tests.reliability.servers import Server, serve, server_env
from tests.users.factories import TEST_PASSWORD

pytestmark = pytest.mark.reliability

GONE_WITHIN_SECONDS = 3.0
COUNT_QUERY = '{ books(first: 100, filter: {q: "book"}) { totalCount } }'
SLOW_REQUESTS = {
    "rest list": ("GET", "/api/books?limit=100", None),
    "rest search": ("GET", "/api/books?q=book&limit=100", None),
    "graphql count": ("POST", "/graphql", {"query": COUNT_QUERY}),
}


async def active_app_queries(database_url: str) -> list[str]:
    """Statements the app is running (or waiting in) on `database_url` right now."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        rows = await connection.fetch(
            "SELECT query FROM pg_stat_activity WHERE application_name = 'backend'"
            " AND datname = current_database() AND state <> 'idle'"
        )
    finally:
        await connection.close()
    return [row["query"] for row in rows]


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float) -> bool:
    """Whether `check` becomes true within `seconds` (polled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.1)
    return await check()


@asynccontextmanager
async def book_table_locked(database_url: str) -> AsyncGenerator[None]:
    """Every statement on `book` waits while the block runs."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute("LOCK TABLE book IN ACCESS EXCLUSIVE MODE")
        try:
            yield
        finally:
            await transaction.rollback()
    finally:
        await connection.close()


def raw_request(url: str, method: str, path: str, body: object) -> bytes:
    """An HTTP/1.1 request as bytes, JSON body if any."""
    host = urlsplit(url).netloc
    payload = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n"
    if payload:
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    return (head + "\r\n").encode() + payload


async def query_waits(database_url: str) -> bool:
    return await eventually(
        lambda: _any_active(database_url), seconds=GONE_WITHIN_SECONDS * 3
    )


async def _any_active(database_url: str) -> bool:
    return bool(await active_app_queries(database_url))


async def _none_active(database_url: str) -> bool:
    return not await active_app_queries(database_url)


async def send_and_leave(
    server: Server, database_url: str, method: str, path: str, body: object
) -> None:
    """Send a request whose query waits on the locked table, then hang up."""
    host, port = urlsplit(server.url).netloc.split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(raw_request(server.url, method, path, body))
    await writer.drain()
    assert await query_waits(database_url), server.log_text()
    writer.close()
    await writer.wait_closed()
    del reader


def timed_env(
    database_url: str,
    *,
    statement_ms: int = 60_000,
    read_ms: int = 60_000,
    request_seconds: int = 60,
    **overrides: str,
) -> dict[str, str]:
    """A served app's environment with these timeouts (generous unless given)."""
    return server_env(
        database_url,
        DATABASE_STATEMENT_TIMEOUT_MS=str(statement_ms),
        DATABASE_READ_STATEMENT_TIMEOUT_MS=str(read_ms),
        REQUEST_TIMEOUT_SECONDS=str(request_seconds),
        **overrides,
    )


async def assert_ready(http: httpx.AsyncClient, server: Server) -> None:
    ready = await http.get(f"{server.url}/ready", timeout=5)
    assert ready.status_code == 200, ready.text


@pytest.fixture
async def server(app_database: str, log_dir: Path) -> AsyncGenerator[Server]:
    """The app with statement timeouts far longer than the test waits."""
    env = timed_env(app_database)
    async with serve(env, log_dir=log_dir) as served:
        yield served


@pytest.mark.parametrize("name", list(SLOW_REQUESTS))
async def test_client_disconnect_cancels_the_query(
    server: Server, app_database: str, http: httpx.AsyncClient, name: str
) -> None:
    method, path, body = SLOW_REQUESTS[name]
    async with book_table_locked(app_database):
        await send_and_leave(server, app_database, method, path, body)
        gone = await eventually(
            lambda: _none_active(app_database), seconds=GONE_WITHIN_SECONDS
        )
        assert gone, await active_app_queries(app_database)
        await assert_ready(http, server)
    # The cancelled query's connection did not go back to the pool dirty.
    after = await http.get(f"{server.url}/api/books", params={"q": "book"})
    assert after.status_code == 200, after.text


@pytest.mark.parametrize("name", list(SLOW_REQUESTS))
async def test_request_out_of_time_gets_503_and_its_query_ends(
    app_database: str, log_dir: Path, http: httpx.AsyncClient, name: str
) -> None:
    method, path, body = SLOW_REQUESTS[name]
    env = timed_env(app_database, request_seconds=1)
    async with serve(env, log_dir=log_dir) as server, book_table_locked(app_database):
        response = await http.request(
            method, f"{server.url}{path}", json=body, timeout=15
        )
        assert response.status_code == 503, response.text
        assert response.headers["retry-after"].isdigit()
        assert "ran out of time" in response.json()["detail"]
        gone = await eventually(
            lambda: _none_active(app_database), seconds=GONE_WITHIN_SECONDS
        )
        assert gone, await active_app_queries(app_database)
        await assert_ready(http, server)


async def test_statement_timeout_answers_503_on_rest_and_graphql(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    env = timed_env(app_database, statement_ms=1_000, read_ms=1_000)
    async with serve(env, log_dir=log_dir) as server, book_table_locked(app_database):
        for params in ({"limit": 5}, {"q": "book"}):
            rest = await http.get(f"{server.url}/api/books", params=params)
            assert rest.status_code == 503, rest.text
            assert rest.headers["retry-after"].isdigit()
            assert "ran out of time" in rest.json()["detail"]
        graphql = await http.post(f"{server.url}/graphql", json={"query": COUNT_QUERY})
        (error,) = graphql.json()["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", error
        assert "ran out of time" in error["message"]
        await assert_ready(http, server)
    assert await _none_active(app_database)
    assert "Traceback" not in server.log_text()


async def test_rest_read_ends_at_the_read_statement_timeout(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    """The read timeout applies even when the write one is far longer."""
    env = timed_env(app_database, read_ms=1_000)
    async with serve(env, log_dir=log_dir) as server, book_table_locked(app_database):
        rest = await http.get(f"{server.url}/api/books", timeout=15)
        assert rest.status_code == 503, rest.text


async def test_abandoned_requests_give_their_connection_back(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    """With one pooled connection, every cancelled request must return it."""
    env = timed_env(
        app_database,
        DATABASE_POOL_SIZE="1",
        DATABASE_MAX_OVERFLOW="0",
        DATABASE_POOL_TIMEOUT="2",
    )
    async with serve(env, log_dir=log_dir) as server:
        for method, path, body in [*SLOW_REQUESTS.values(), *SLOW_REQUESTS.values()]:
            async with book_table_locked(app_database):
                await send_and_leave(server, app_database, method, path, body)
                assert await eventually(
                    lambda: _none_active(app_database), seconds=GONE_WITHIN_SECONDS
                )
            after = await http.get(f"{server.url}/api/books", params={"q": "book"})
            assert after.status_code == 200, (path, after.text)


ADMIN_PAGES = [
    ("/admin/book/list", {}),
    ("/admin/book/list", {"q": "Story secret"}),
    ("/admin/book/detail", {"pk": "1"}),
    ("/admin/_api/book/relation-lookup", {"q": "Story secret"}),
]


async def make_superuser(database_url: str) -> None:
    """Make the reliability user (`add_user`) an admin."""
    await add_user(database_url)
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.execute(
            "UPDATE user_account SET is_superuser = true WHERE email = $1", USER_EMAIL
        )
    finally:
        await connection.close()


async def test_admin_pages_end_at_the_read_statement_timeout_with_a_503_page(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    """Admin pages read as the API does (autocommit, the read timeout), not in
    a transaction under the write timeout; the timeout is a 503 page with
    `Retry-After`, not a 500, and leaves no traceback or search text in the log."""
    env = timed_env(app_database, read_ms=1_000, LOG_LEVEL="INFO")
    await make_superuser(app_database)
    async with (
        serve(env, log_dir=log_dir) as server,
        httpx.AsyncClient(base_url=server.url, timeout=10) as admin,
    ):
        signed_in = await sign_in(admin, USER_EMAIL, TEST_PASSWORD)
        assert signed_in.status_code == 303, signed_in.text
        async with book_table_locked(app_database):
            for path, params in ADMIN_PAGES:
                page = await admin.get(path, params=params)
                assert page.status_code == 503, (path, page.text[:300])
                assert page.headers["retry-after"].isdigit()
                assert "ran out of time" in page.text
        await assert_ready(http, server)
        after = await admin.get("/admin/book/list", params={"q": "Story"})
        assert after.status_code == 200
    log = server.log_text()
    assert "Traceback" not in log, log
    assert "secret" not in log.lower(), log
