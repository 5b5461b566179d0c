"""A book's reviews, a keyset page at a time: complete walks under every
sort, cursors bound to the book and the sort, one statement per page."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.services import ReviewSort
from backend.apps.users.models import UserModel
from tests.books.factories import seed_books
from tests.helpers.listing import Item, expected_order, page_through
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup
from tests.reviews.factories import seed_reviews

BOOKS = 3
REVIEWS = 90  # 30 a book
SORTS = [sort.value for sort in ReviewSort]


@pytest.fixture
async def books(db_session: AsyncSession, user: UserModel) -> list[int]:
    """Three books, 30 reviews each (the first of each by `user`)."""
    ids = await seed_books(db_session, BOOKS)
    await seed_reviews(db_session, REVIEWS, book_ids=ids, first_author=user.id)
    return ids


async def every_review(client: httpx.AsyncClient, book_id: int) -> list[Item]:
    return await page_through(client, f"/api/books/{book_id}/reviews", {"limit": 100})


@pytest.mark.parametrize("sort", SORTS)
async def test_a_walk_visits_each_review_of_the_book_once_in_order(
    anonymous_client: httpx.AsyncClient, books: list[int], sort: str
) -> None:
    book_id = books[1]
    reviews = await every_review(anonymous_client, book_id)
    assert len(reviews) == REVIEWS // BOOKS
    assert {review["book_id"] for review in reviews} == {book_id}
    for size in (1, 7, 30):
        seen = await page_through(
            anonymous_client,
            f"/api/books/{book_id}/reviews",
            {"sort": sort, "limit": size},
        )
        assert [r["id"] for r in seen] == expected_order(reviews, sort), size


@pytest.mark.parametrize("sort", SORTS)
async def test_reviews_written_during_a_walk_cause_no_duplicate_or_skip(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    books: list[int],
    sort: str,
) -> None:
    book_id = books[0]
    original = expected_order(await every_review(anonymous_client, book_id), sort)

    async def review_more(page_number: int) -> None:
        await seed_reviews(
            db_session, 3, book_ids=[book_id], start=1_000 + 3 * page_number
        )

    seen = await page_through(
        anonymous_client,
        f"/api/books/{book_id}/reviews",
        {"sort": sort, "limit": 4},
        between_pages=review_more,
    )
    ids = [r["id"] for r in seen]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if i in set(original)] == original


async def test_a_cursor_replayed_on_another_book_or_sort_is_400(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    first = await anonymous_client.get(
        f"/api/books/{books[0]}/reviews", params={"limit": 5}
    )
    cursor = first.json()["page"]["next_cursor"]
    again = await anonymous_client.get(
        f"/api/books/{books[0]}/reviews", params={"limit": 5, "cursor": cursor}
    )
    assert again.status_code == 200
    for path, params in (
        (f"/api/books/{books[1]}/reviews", {}),
        (f"/api/books/{books[0]}/reviews", {"sort": "rating"}),
        ("/api/reviews", {}),
        ("/api/reviews", {"book_id": books[1]}),
    ):
        response = await anonymous_client.get(
            path, params={"limit": 5, "cursor": cursor, **params}
        )
        assert response.status_code == 400, (path, params, response.text)
        assert response.json()["extra"][0]["key"] == "cursor"


async def test_the_book_s_cursor_is_not_the_filtered_top_level_list_s(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    """The same filter on `/api/reviews` reads the same rows; each list's
    cursors continue only that list."""
    nested = await every_review(anonymous_client, books[2])
    top = await page_through(
        anonymous_client, "/api/reviews", {"book_id": books[2], "limit": 7}
    )
    assert [r["id"] for r in top] == [r["id"] for r in nested]


async def test_a_page_and_a_get_are_one_statement_each(
    client: httpx.AsyncClient, books: list[int], sql_statements: StatementRecorder
) -> None:
    path = f"/api/books/{books[0]}/reviews"
    first = await client.get(path, params={"limit": 10})
    cursor = first.json()["page"]["next_cursor"]
    for url, params in (
        (path, {"limit": 10}),
        (path, {"limit": 10, "cursor": cursor, "sort": "-created_at"}),
        ("/api/reviews", {"limit": 10, "sort": "rating"}),
        ("/api/reviews", {"limit": 10, "book_id": books[1], "sort": "-rating"}),
        (f"/api/reviews/{first.json()['items'][0]['id']}", {}),
    ):
        with sql_statements() as statements:
            response = await client.get(url, params=params)
        assert response.status_code == 200, response.text
        handler = after_the_bearer_lookup(statements)
        assert len(handler) == 1, (url, params, handler)
        assert "OFFSET" not in handler[0].upper()


async def test_an_empty_page_of_a_known_book_checks_the_book_once(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    sql_statements: StatementRecorder,
) -> None:
    [book_id] = await seed_books(db_session, 1, start=50)
    with sql_statements() as statements:
        response = await anonymous_client.get(f"/api/books/{book_id}/reviews")
    assert response.json()["items"] == []
    assert len(statements) == 2, statements
