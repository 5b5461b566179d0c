"""Create, read, update and delete reviews over REST: statuses and bodies."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.models import BODY_MAX_LENGTH
from backend.apps.users.models import UserModel
from backend.settings import Settings
from tests.books.factories import seed_books
from tests.reviews.factories import review_payload, seed_reviews

UNKNOWN_ID = 987_654_321
FIELDS = {"id", "book_id", "user_id", "rating", "body", "created_at", "updated_at"}


def problems(response: httpx.Response) -> str:
    """Everything the 400 body says about the fields, as one string."""
    return " ".join(f"{d['key']}: {d['message']}" for d in response.json()["extra"])


async def create(
    client: httpx.AsyncClient, book_id: int, number: int = 1, **overrides: object
) -> dict[str, object]:
    response = await client.post(
        f"/api/books/{book_id}/reviews", json=review_payload(number, **overrides)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def book(client: httpx.AsyncClient, book_id: int) -> dict[str, object]:
    response = await client.get(f"/api/books/{book_id}")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
async def book_id(db_session: AsyncSession) -> int:
    """A book nobody has reviewed yet."""
    [created] = await seed_books(db_session, 1)
    return created


async def test_create_is_201_by_the_signed_in_user_and_counts_on_the_book(
    client: httpx.AsyncClient, user: UserModel, book_id: int
) -> None:
    body = await create(client, book_id, rating=4, body="  Gripping.\r\nLong.  ")
    assert set(body) == FIELDS
    assert (body["book_id"], body["user_id"]) == (book_id, user.id)
    assert (body["rating"], body["body"]) == (4, "Gripping.\nLong.")
    assert (await client.get(f"/api/reviews/{body['id']}")).json() == body
    counted = await book(client, book_id)
    assert (counted["review_count"], counted["average_rating"]) == (1, 4.0)


async def test_update_changes_the_fields_sent_and_the_average(
    client: httpx.AsyncClient, book_id: int
) -> None:
    created = await create(client, book_id, rating=2)
    response = await client.patch(f"/api/reviews/{created['id']}", json={"rating": 5})
    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["rating"], changed["body"]) == (5, created["body"])
    assert (await book(client, book_id))["average_rating"] == 5.0
    response = await client.patch(
        f"/api/reviews/{created['id']}", json={"body": "Shorter."}
    )
    assert (response.json()["rating"], response.json()["body"]) == (5, "Shorter.")


async def test_delete_is_204_then_404_and_uncounts(
    client: httpx.AsyncClient, book_id: int
) -> None:
    created = await create(client, book_id)
    response = await client.delete(f"/api/reviews/{created['id']}")
    assert (response.status_code, response.content) == (204, b"")
    assert (await client.get(f"/api/reviews/{created['id']}")).status_code == 404
    counted = await book(client, book_id)
    assert (counted["review_count"], counted["average_rating"]) == (0, None)


async def test_a_second_review_of_the_book_by_the_same_user_is_409(
    client: httpx.AsyncClient, book_id: int
) -> None:
    first = await create(client, book_id, rating=5)
    response = await client.post(
        f"/api/books/{book_id}/reviews", json=review_payload(2, rating=1)
    )
    assert response.status_code == 409, response.text
    assert "already reviewed" in response.json()["detail"]
    listed = (await client.get(f"/api/books/{book_id}/reviews")).json()["items"]
    assert [item["id"] for item in listed] == [first["id"]]
    counted = await book(client, book_id)
    assert (counted["review_count"], counted["average_rating"]) == (1, 5.0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": "five"}, "rating"),
        ({"rating": [5]}, "rating"),
        ({"rating": None}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"body": ""}, "body"),
        ({"body": " \n\t "}, "body"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
        ({"body": None}, "body"),
        ({"body": "bell \x07"}, "body"),
        ({"book_id": 1}, "book_id"),
        ({"user_id": 1}, "user_id"),
    ],
    ids=str,
)
async def test_invalid_input_is_400_naming_the_field_on_create_and_update(
    client: httpx.AsyncClient, book_id: int, changes: dict[str, object], field: str
) -> None:
    response = await client.post(
        f"/api/books/{book_id}/reviews", json=review_payload(1) | changes
    )
    assert response.status_code == 400, response.text
    assert field in problems(response)
    created = await create(client, book_id)
    response = await client.patch(f"/api/reviews/{created['id']}", json=changes)
    assert response.status_code == 400, response.text
    assert field in problems(response)
    assert (await client.get(f"/api/reviews/{created['id']}")).json() == created
    assert (await book(client, book_id))["review_count"] == 1


@pytest.mark.parametrize("missing", ["rating", "body"])
async def test_a_missing_field_is_400(
    client: httpx.AsyncClient, book_id: int, missing: str
) -> None:
    body = review_payload(1)
    del body[missing]
    response = await client.post(f"/api/books/{book_id}/reviews", json=body)
    assert response.status_code == 400, response.text
    assert missing in problems(response)


async def test_a_body_of_the_maximum_length_is_stored(
    client: httpx.AsyncClient, book_id: int
) -> None:
    created = await create(client, book_id, body="x" * BODY_MAX_LENGTH)
    assert len(str(created["body"])) == BODY_MAX_LENGTH


async def test_an_oversized_request_is_413_and_stores_nothing(
    client: httpx.AsyncClient, book_id: int, settings: Settings
) -> None:
    padding = "x" * settings.request_max_body_bytes
    response = await client.post(
        f"/api/books/{book_id}/reviews", json=review_payload(1, body=padding)
    )
    assert response.status_code == 413
    assert (await book(client, book_id))["review_count"] == 0


async def test_unknown_book_is_404_to_list_and_create(
    client: httpx.AsyncClient,
) -> None:
    path = f"/api/books/{UNKNOWN_ID}/reviews"
    for response in (
        await client.get(path),
        await client.post(path, json=review_payload()),
    ):
        assert response.status_code == 404, response.text
        assert response.json() == {"status_code": 404, "detail": "Book not found."}


async def test_a_book_without_reviews_lists_an_empty_page(
    anonymous_client: httpx.AsyncClient, book_id: int
) -> None:
    response = await anonymous_client.get(f"/api/books/{book_id}/reviews")
    assert response.status_code == 200
    assert response.json() == {
        "items": [],
        "page": {"next_cursor": None, "limit": 20, "has_next": False},
    }


@pytest.mark.parametrize("bad", ["0", "-1", "1e2", "01", "x", "9223372036854775808"])
async def test_a_malformed_book_or_review_id_is_400(
    client: httpx.AsyncClient, bad: str
) -> None:
    for method, path in (
        ("GET", f"/api/books/{bad}/reviews"),
        ("POST", f"/api/books/{bad}/reviews"),
        ("GET", f"/api/reviews/{bad}"),
        ("PATCH", f"/api/reviews/{bad}"),
        ("DELETE", f"/api/reviews/{bad}"),
    ):
        body = review_payload() if method in {"POST", "PATCH"} else None
        response = await client.request(method, path, json=body)
        assert response.status_code == 400, (method, path, response.text)


async def test_unknown_review_is_404_for_get_patch_and_delete(
    client: httpx.AsyncClient,
) -> None:
    for method, body in (("GET", None), ("PATCH", {"rating": 3}), ("DELETE", None)):
        response = await client.request(method, f"/api/reviews/{UNKNOWN_ID}", json=body)
        assert response.status_code == 404, method
        assert response.json() == {"status_code": 404, "detail": "Review not found."}


async def test_the_top_level_list_filters_by_book_and_user(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, user: UserModel
) -> None:
    books = await seed_books(db_session, 3)
    ids = await seed_reviews(db_session, 9, book_ids=books, first_author=user.id)
    listed = await anonymous_client.get(
        "/api/reviews", params={"book_id": books[1], "limit": 100}
    )
    assert {r["id"] for r in listed.json()["items"]} == {ids[1], ids[4], ids[7]}
    mine = await anonymous_client.get("/api/reviews", params={"user_id": user.id})
    assert {r["id"] for r in mine.json()["items"]} == set(ids[:3])
    both = await anonymous_client.get(
        "/api/reviews", params={"user_id": user.id, "book_id": books[2]}
    )
    assert [r["id"] for r in both.json()["items"]] == [ids[2]]
    for bad in ({"book_id": "0"}, {"user_id": "x"}, {"sort": "body"}):
        assert (
            await anonymous_client.get("/api/reviews", params=bad)
        ).status_code == 400
