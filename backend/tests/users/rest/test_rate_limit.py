"""Sign-in attempts are rate limited per client: 429 with Retry-After, then recovery.

Each test runs an app of its own with a small limit. Malformed bodies count as
attempts too, and cost no password hashing, so the tests stay fast.
"""

import asyncio
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from backend.app import create_app
from backend.settings import RateLimitWindow
from tests.helpers.admin_forms import sign_in
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings

type LimitedClient = Callable[
    [int, RateLimitWindow], AbstractAsyncContextManager[httpx.AsyncClient]
]


@pytest.fixture
def limited_client(database_url: str) -> LimitedClient:
    """A client of an app that allows `limit` sign-in attempts per `window`."""

    @asynccontextmanager
    async def start(
        limit: int, window: RateLimitWindow
    ) -> AsyncGenerator[httpx.AsyncClient]:
        settings = make_settings(
            database_url, login_rate_limit=limit, login_rate_limit_window=window
        )
        async with serving(create_app(settings)) as app, http_client(app) as http:
            yield http

    return start


async def attempt(client: httpx.AsyncClient, path: str = "/api/auth/login") -> int:
    return (await client.post(path, json={})).status_code


async def test_attempts_beyond_the_limit_get_429_with_retry_after(
    limited_client: LimitedClient,
) -> None:
    async with limited_client(3, "minute") as client:
        assert [await attempt(client) for _ in range(3)] == [400, 400, 400]
        refused = await client.post("/api/auth/login", json={})
        assert refused.status_code == 429
        assert refused.json() == {
            "status_code": 429,
            "detail": "Too many attempts; retry after the time `Retry-After` gives.",
        }
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert (await client.get("/api/books")).status_code == 200


async def test_admin_login_spends_the_same_budget(
    limited_client: LimitedClient,
) -> None:
    async with limited_client(2, "minute") as client:
        assert [await attempt(client) for _ in range(2)] == [400, 400]
        refused = await sign_in(client, "someone@example.com", "wrong password")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert (await client.get("/admin/login")).status_code == 200


async def test_attempts_are_allowed_again_after_retry_after(
    limited_client: LimitedClient,
) -> None:
    async with limited_client(1, "second") as client:
        # Start just after a second begins, so both attempts share one window.
        await asyncio.sleep(1.02 - time.time() % 1)
        assert await attempt(client) == 400
        refused = await client.post("/api/auth/login", json={})
        assert refused.status_code == 429
        await asyncio.sleep(int(refused.headers["retry-after"]))
        assert await attempt(client) == 400
