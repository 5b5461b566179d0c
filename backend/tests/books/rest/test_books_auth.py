"""Book reads are public; every REST write needs the bearer token of an active user."""

import httpx
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.settings import Settings
from tests.books.factories import book_payload, seed_books
from tests.users.factories import bearer

WRITES = [
    ("POST", "/api/books", book_payload(1)),
    ("PATCH", "/api/books/{id}", {"title": "Changed"}),
    ("DELETE", "/api/books/{id}", None),
]


async def book_ids(client: httpx.AsyncClient) -> list[int]:
    return [book["id"] for book in (await client.get("/api/books")).json()["items"]]


async def test_reads_are_public(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    [book_id] = await seed_books(db_session, 1)
    assert (await anonymous_client.get("/api/books")).status_code == 200
    assert (await anonymous_client.get(f"/api/books/{book_id}")).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
async def test_write_with_the_token_of_an_inactive_user_is_401(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    *,
    user: UserModel,
    settings: Settings,
    method: str,
    path: str,
    body: dict[str, object] | None,
) -> None:
    [book_id] = await seed_books(db_session, 1)
    user.is_active = False
    await db_session.flush()
    response = await anonymous_client.request(
        method,
        path.format(id=book_id),
        json=body,
        headers=bearer(user.id, settings.secret_key),
    )
    assert response.status_code == 401
    assert await book_ids(anonymous_client) == [book_id]


async def test_bad_token_is_refused_even_on_a_read(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.get(
        "/api/books", headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 401


def test_openapi_documents_who_may_write(app: Litestar) -> None:
    paths = app.openapi_schema.to_schema()["paths"]
    writes = [
        paths["/api/books"]["post"],
        paths["/api/books/{item_id}"]["patch"],
        paths["/api/books/{item_id}"]["delete"],
        paths["/api/auth/me"]["get"],
    ]
    for operation in writes:
        assert operation["security"] == [{"BearerToken": []}]
        assert "401" in operation["responses"]
    for read in (paths["/api/books"]["get"], paths["/api/books/{item_id}"]["get"]):
        assert "security" not in read
    assert "429" in paths["/api/auth/login"]["post"]["responses"]
