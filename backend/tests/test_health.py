"""Probes, the 503 when the database is away, masked 500s and the OpenAPI document."""

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app import create_app
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings

UNREACHABLE = "postgresql+asyncpg://postgres@127.0.0.1:9/nowhere"


@pytest.fixture
async def offline_client() -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose database cannot be reached."""
    app = create_app(make_settings(UNREACHABLE, database_connect_timeout=1.0))
    async with serving(app), http_client(app) as http:
        yield http


async def test_health_is_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_is_ok_with_a_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_without_a_database_health_stays_ok_and_ready_is_503(
    offline_client: httpx.AsyncClient,
) -> None:
    assert (await offline_client.get("/health")).status_code == 200
    response = await offline_client.get("/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "reason": "database unreachable",
    }


async def test_api_fails_fast_with_503_without_a_database(
    offline_client: httpx.AsyncClient,
) -> None:
    started = time.monotonic()
    response = await offline_client.get("/api/books")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert (
        response.json()["detail"] == "The database is unavailable; try again shortly."
    )


async def test_graphql_says_the_database_is_unavailable_without_a_database(
    offline_client: httpx.AsyncClient,
) -> None:
    started = time.monotonic()
    response = await offline_client.post(
        "/graphql", json={"query": "{ books(first: 1) { edges { cursor } } }"}
    )
    assert time.monotonic() - started < 5
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
    assert error["message"] == "The database is unavailable; try again shortly."


async def test_unexpected_database_error_is_a_masked_500(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await db_session.execute(
        text("ALTER TABLE book RENAME COLUMN title TO secret_title")
    )
    response = await client.get("/api/books")
    assert response.status_code == 500
    assert response.json() == {"status_code": 500, "detail": "Internal server error."}
    assert "secret_title" not in response.text


EXPECTED_STATUS_CODES = {
    ("/health", "get"): {"200"},
    ("/ready", "get"): {"200", "503"},
    ("/api/books", "get"): {"200", "400"},
    ("/api/books", "post"): {"201", "400", "409"},
    ("/api/books/{item_id}", "get"): {"200", "400", "404"},
    ("/api/books/{item_id}", "patch"): {"200", "400", "404", "409"},
    ("/api/books/{item_id}", "delete"): {"204", "400", "404"},
}


async def test_openapi_documents_every_operation(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    operations = {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    for key, codes in EXPECTED_STATUS_CODES.items():
        operation = operations[key]
        assert operation["summary"], key
        assert codes <= set(operation["responses"]), (
            key,
            operation["responses"].keys(),
        )
    for key, operation in operations.items():
        assert operation.get("summary"), key
