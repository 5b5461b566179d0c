"""The API rate limit: every route but the probes, counted in memory or in Redis."""

from collections.abc import AsyncIterator

import httpx
import pytest
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore

from backend.app import create_app
from backend.http.stores import AppStores
from backend.settings import Settings
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import TEST_REDIS_URL, make_settings


@pytest.fixture
async def limited_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that allows 3 requests a minute."""
    app = create_app(
        make_settings(settings.database_url.encoded_string(), api_rate_limit=3)
    )
    async with serving(app), http_client(app) as http:
        yield http


async def test_requests_beyond_the_limit_get_429_but_probes_answer(
    limited_client: httpx.AsyncClient,
) -> None:
    answers = [await limited_client.get("/api/books") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.headers["ratelimit-remaining"] for a in answers] == ["2", "1", "0"]
    refused = await limited_client.get("/graphql", params={"query": "{ __typename }"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert (await limited_client.get("/health")).status_code == 200
    assert (await limited_client.get("/ready")).status_code == 200


def test_without_redis_each_store_lives_in_memory() -> None:
    stores = AppStores(Settings())
    assert isinstance(stores.registry.get("api_rate_limit"), MemoryStore)


async def test_apps_sharing_a_redis_share_their_counters(
    settings: Settings, redis_namespace: str
) -> None:
    shared = make_settings(
        settings.database_url.encoded_string(),
        api_rate_limit=2,
        redis_url=TEST_REDIS_URL,
        redis_namespace=redis_namespace,
    )
    first, second = create_app(shared), create_app(shared)
    assert isinstance(first.stores.get("api_rate_limit"), RedisStore)
    async with (
        serving(first),
        serving(second),
        http_client(first) as a,
        http_client(second) as b,
    ):
        assert (await a.get("/api/books")).status_code == 200
        assert (await b.get("/api/books")).status_code == 200
        assert (await a.get("/api/books")).status_code == 429
        assert (await b.get("/api/books")).status_code == 429


async def test_an_unreachable_redis_is_a_quick_503(settings: Settings) -> None:
    app = create_app(
        make_settings(
            settings.database_url.encoded_string(), redis_url="redis://127.0.0.1:9/0"
        )
    )
    async with serving(app), http_client(app) as http:
        response = await http.get("/api/books")
    assert response.status_code == 503
    assert "rate-limit store" in response.json()["detail"]
