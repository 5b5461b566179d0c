"""Review reads are public; writes need an active user's token; only the
author (or a superuser) changes or deletes a review."""

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.settings import Settings
from tests.books.factories import seed_books
from tests.helpers.http import http_client
from tests.reviews.factories import review_payload, seed_reviews, seed_users
from tests.users.factories import bearer


@pytest.fixture
async def book_id(db_session: AsyncSession) -> int:
    """A book nobody has reviewed yet."""
    [created] = await seed_books(db_session, 1)
    return created


@pytest.fixture
async def review(client: httpx.AsyncClient, book_id: int) -> dict[str, object]:
    """A review of `book_id` by the signed-in `user`, rated 4."""
    response = await client.post(
        f"/api/books/{book_id}/reviews", json=review_payload(1, rating=4)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def read(client: httpx.AsyncClient, path: str) -> dict[str, object]:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


async def test_reads_are_public(
    anonymous_client: httpx.AsyncClient, review: dict[str, object], book_id: int
) -> None:
    for path in (
        "/api/reviews",
        f"/api/reviews/{review['id']}",
        f"/api/books/{book_id}/reviews",
    ):
        assert (await anonymous_client.get(path)).status_code == 200, path


async def test_anonymous_writes_are_401_and_change_nothing(
    anonymous_client: httpx.AsyncClient, review: dict[str, object], book_id: int
) -> None:
    item = f"/api/reviews/{review['id']}"
    for method, path, body in (
        ("POST", f"/api/books/{book_id}/reviews", review_payload(2)),
        ("PATCH", item, {"rating": 1}),
        ("DELETE", item, None),
    ):
        response = await anonymous_client.request(method, path, json=body)
        assert response.status_code == 401, method
        assert response.headers["www-authenticate"] == "Bearer"
    assert await read(anonymous_client, item) == review
    book = await read(anonymous_client, f"/api/books/{book_id}")
    assert (book["review_count"], book["average_rating"]) == (1, 4.0)


async def test_another_user_gets_403_and_changes_nothing(
    app: Litestar,
    db_session: AsyncSession,
    settings: Settings,
    review: dict[str, object],
    book_id: int,
) -> None:
    [other] = await seed_users(db_session, 1)
    item = f"/api/reviews/{review['id']}"
    async with http_client(app, bearer(other, settings.secret_key)) as http:
        for method, body in (("PATCH", {"rating": 1}), ("DELETE", None)):
            response = await http.request(method, item, json=body)
            assert response.status_code == 403, (method, response.text)
            assert set(response.json()) == {"status_code", "detail"}
            assert "author" in response.json()["detail"]
        assert await read(http, item) == review
        book = await read(http, f"/api/books/{book_id}")
        assert (book["review_count"], book["average_rating"]) == (1, 4.0)


async def test_a_superuser_may_change_and_delete_anyone_s_review(
    app: Litestar,
    settings: Settings,
    superuser: UserModel,
    review: dict[str, object],
    book_id: int,
) -> None:
    item = f"/api/reviews/{review['id']}"
    async with http_client(app, bearer(superuser.id, settings.secret_key)) as http:
        changed = await http.patch(item, json={"rating": 2})
        assert changed.status_code == 200, changed.text
        assert (changed.json()["rating"], changed.json()["user_id"]) == (
            2,
            review["user_id"],
        )
        assert (await read(http, f"/api/books/{book_id}"))["average_rating"] == 2.0
        assert (await http.delete(item)).status_code == 204
        assert (await read(http, f"/api/books/{book_id}"))["review_count"] == 0


async def test_a_deactivated_user_can_no_longer_write(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    *,
    user: UserModel,
    settings: Settings,
    review: dict[str, object],
    book_id: int,
) -> None:
    [other_book] = await seed_books(db_session, 1, start=1)
    user.is_active = False
    await db_session.flush()
    headers = bearer(user.id, settings.secret_key)
    item = f"/api/reviews/{review['id']}"
    for method, path, body in (
        ("POST", f"/api/books/{other_book}/reviews", review_payload(2)),
        ("PATCH", item, {"rating": 1}),
        ("DELETE", item, None),
    ):
        response = await anonymous_client.request(
            method, path, json=body, headers=headers
        )
        assert response.status_code == 401, method
    assert await read(anonymous_client, item) == review
    assert (await read(anonymous_client, f"/api/books/{other_book}"))[
        "review_count"
    ] == 0
    assert (await read(anonymous_client, f"/api/books/{book_id}"))["review_count"] == 1


async def test_deleting_a_user_keeps_their_reviews_without_author(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, user: UserModel
) -> None:
    books = await seed_books(db_session, 2)
    ids = await seed_reviews(db_session, 4, book_ids=books, first_author=user.id)
    before = [await read(anonymous_client, f"/api/books/{b}") for b in books]
    await db_session.execute(delete(UserModel).where(UserModel.id == user.id))
    await db_session.flush()
    kept = [await read(anonymous_client, f"/api/reviews/{i}") for i in ids]
    assert [r["user_id"] is None for r in kept] == [True, True, False, False]
    assert [await read(anonymous_client, f"/api/books/{b}") for b in books] == before


async def test_deleting_a_book_deletes_its_reviews(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    books = await seed_books(db_session, 2)
    ids = await seed_reviews(db_session, 6, book_ids=books)
    assert (await client.delete(f"/api/books/{books[0]}")).status_code == 204
    left = (await client.get("/api/reviews", params={"limit": 100})).json()["items"]
    assert [r["id"] for r in left] == sorted(ids[1::2], reverse=True)
    gone = await client.get(f"/api/books/{books[0]}/reviews")
    assert gone.status_code == 404


def test_openapi_documents_who_may_write(app: Litestar) -> None:
    paths = app.openapi_schema.to_schema()["paths"]
    nested, item = (
        paths["/api/books/{book_id}/reviews"],
        paths["/api/reviews/{item_id}"],
    )
    for operation in (nested["post"], item["patch"], item["delete"]):
        assert operation["security"] == [{"BearerToken": []}]
        assert "401" in operation["responses"]
    for operation in (item["patch"], item["delete"]):
        assert "403" in operation["responses"]
    for operation in (nested["get"], nested["post"]):
        assert "404" in operation["responses"]
    for read_operation in (nested["get"], item["get"], paths["/api/reviews"]["get"]):
        assert "security" not in read_operation
