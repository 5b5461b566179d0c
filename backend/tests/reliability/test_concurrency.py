"""Concurrent writes against a served app: one winner per ISBN, no torn rows."""

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.helpers.database import asyncpg_dsn
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import Server, serve, server_env

pytestmark = pytest.mark.reliability

CREATES = 50
PATCHES = 30


@pytest.fixture
async def server(app_database: str, log_dir: Path) -> AsyncGenerator[Server]:
    """The app on its own database (default pool: 10 + 10 overflow)."""
    await add_user(app_database)
    async with serve(server_env(app_database), log_dir=log_dir) as served:
        yield served


def book(isbn: str, title: str = "Dune") -> dict[str, object]:
    return {"title": title, "author": "Frank Herbert", "isbn": isbn}


async def test_concurrent_creates_of_one_isbn_store_one_book(
    server: Server, app_database: str, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    limits = httpx.Limits(max_connections=CREATES)
    async with httpx.AsyncClient(
        base_url=server.url, headers=auth, limits=limits, timeout=30
    ) as http:
        responses = await asyncio.gather(
            *(
                http.post("/api/books", json=book("978-0-441-17271-9", f"Dune {n}"))
                for n in range(CREATES)
            )
        )
    statuses = Counter(response.status_code for response in responses)
    figures["concurrent creates of one ISBN"] = str(dict(sorted(statuses.items())))
    assert statuses == {201: 1, 409: CREATES - 1}, server.log_text()
    connection = await asyncpg.connect(asyncpg_dsn(app_database))
    try:
        stored = await connection.fetchval(
            "SELECT count(*) FROM book WHERE isbn = $1", "9780441172719"
        )
    finally:
        await connection.close()
    assert stored == 1


async def test_concurrent_patches_leave_one_consistent_row(
    server: Server, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    limits = httpx.Limits(max_connections=PATCHES)
    async with httpx.AsyncClient(
        base_url=server.url, headers=auth, limits=limits, timeout=30
    ) as http:
        created = await http.post("/api/books", json=book("978-0-14-143958-7"))
        assert created.status_code == 201
        path = f"/api/books/{created.json()['id']}"
        responses = await asyncio.gather(
            *(
                http.patch(path, json={"title": f"Emma {n}", "page_count": n + 1})
                for n in range(PATCHES)
            )
        )
        final = (await http.get(path)).json()
    figures["concurrent PATCHes of one book"] = (
        f"{sum(r.status_code == 200 for r in responses)}/{PATCHES} answered 200"
    )
    assert [r.status_code for r in responses] == [200] * PATCHES
    # Each PATCH sets both fields in one UPDATE: the row is one PATCH's, whole.
    assert final["title"] == f"Emma {final['page_count'] - 1}"
    assert final in [response.json() for response in responses]
