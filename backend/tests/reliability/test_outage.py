"""A database outage while the app serves: fail fast with 503, recover alone.

The app runs against a throwaway PostgreSQL cluster that the test stops and
starts again (the shared server is never touched). While the database is
down, `/health` stays 200, `/ready` and the API answer 503 at once; once it
is back, requests succeed without restarting the app and nothing
acknowledged before the outage is lost.
"""

import asyncio
import os
import time
from collections.abc import AsyncGenerator, Coroutine, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from backend.errors import DATABASE_UNAVAILABLE
from tests.helpers.database import asyncpg_dsn, migrate
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.postgres_cluster import (
    Cluster,
    binaries_missing,
    throwaway_cluster,
)
from tests.reliability.servers import Server, serve, server_env

MISSING = binaries_missing()
pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(
        MISSING is not None and not os.environ.get("CI"),
        reason=f"no throwaway PostgreSQL cluster: {MISSING}",
    ),
]

FAIL_FAST_SECONDS = 2.0
RECOVERY_DEADLINE_SECONDS = 30.0
BOOKS_QUERY = {"query": "{ books(first: 5) { edges { node { id title } } } }"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A cluster of the module's own."""
    with throwaway_cluster() as started:
        yield started


@pytest.fixture(scope="module")
def cluster_database(cluster: Cluster) -> str:
    """The `backend` database on the cluster, migrated."""

    async def create() -> None:
        connection = await asyncpg.connect(asyncpg_dsn(cluster.url))
        try:
            await connection.execute('CREATE DATABASE "backend"')
        finally:
            await connection.close()

    asyncio.run(create())
    url = cluster.url.rsplit("/", 1)[0] + "/backend"
    migrate(url)
    return url


@pytest.fixture
async def server(cluster_database: str, log_dir: Path) -> AsyncGenerator[Server]:
    """The app, serving from the cluster."""
    await add_user(cluster_database)
    async with serve(server_env(cluster_database), log_dir=log_dir) as served:
        yield served


async def timed(
    request: Coroutine[object, object, httpx.Response],
) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await request
    return response, time.monotonic() - started


async def wait_until_ready(http: httpx.AsyncClient) -> float:
    started = time.monotonic()
    while time.monotonic() - started < RECOVERY_DEADLINE_SECONDS:
        if (await http.get("/ready")).status_code == 200:
            return time.monotonic() - started
        await asyncio.sleep(0.1)
    raise TimeoutError("the app did not become ready again")


async def failures_among(http: httpx.AsyncClient, count: int) -> int:
    statuses = [(await http.get("/api/books")).status_code for _ in range(count)]
    assert set(statuses) <= {200, 503}, statuses
    return statuses.count(503)


async def test_outage_fails_fast_and_recovers_without_a_restart(
    server: Server, cluster: Cluster, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    async with httpx.AsyncClient(base_url=server.url, headers=auth, timeout=30) as http:
        book = {"title": "Dune", "author": "Frank Herbert", "isbn": "0-441-17271-7"}
        acknowledged = await http.post("/api/books", json=book)
        assert acknowledged.status_code == 201

        await asyncio.to_thread(cluster.stop)
        assert (await http.get("/health")).status_code == 200
        ready, ready_seconds = await timed(http.get("/ready"))
        assert ready.status_code == 503
        slowest = ready_seconds
        for request in (
            http.get("/api/books"),
            http.get(f"/api/books/{acknowledged.json()['id']}"),
            http.post("/api/books", json={**book, "isbn": "978-0-14-143958-7"}),
        ):
            response, seconds = await timed(request)
            assert response.status_code == 503, response.text
            assert response.json()["detail"] == DATABASE_UNAVAILABLE
            slowest = max(slowest, seconds)
        graphql, seconds = await timed(http.post("/graphql", json=BOOKS_QUERY))
        slowest = max(slowest, seconds)
        (error,) = graphql.json()["errors"]
        assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
        assert error["message"] == DATABASE_UNAVAILABLE
        assert slowest < FAIL_FAST_SECONDS

        await asyncio.to_thread(cluster.start)
        recovery = await wait_until_ready(http)
        failed_after = await failures_among(http, 20)
        listing = (await http.get("/api/books")).json()
        assert acknowledged.json() in listing["items"]
        created = await http.post(
            "/api/books", json={**book, "isbn": "978-0-14-143958-7"}
        )
        assert created.status_code == 201
    figures["outage: slowest answer while the database was down"] = (
        f"{slowest * 1000:.0f} ms (all 503, /health 200)"
    )
    figures["outage: ready again after the database restarted"] = (
        f"{recovery * 1000:.0f} ms; failed requests after that: {failed_after}/20"
    )
    assert failed_after == 0


async def test_a_restart_between_requests_costs_one_failed_request(
    server: Server, cluster: Cluster, figures: dict[str, str]
) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        # Fill the pool with several connections, then restart behind its back.
        warm = await asyncio.gather(*(http.get("/api/books") for _ in range(8)))
        assert {response.status_code for response in warm} == {200}
        await asyncio.to_thread(cluster.stop)
        await asyncio.to_thread(cluster.start)
        failed = await failures_among(http, 20)
    figures["stale pool after a restart (DATABASE_POOL_PRE_PING=false)"] = (
        f"{failed}/20 sequential requests failed with 503"
    )
    assert failed <= 1
