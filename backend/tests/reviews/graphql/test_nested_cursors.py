"""Nested cursors: each book's reviews walk without a gap or a repeat, in
every order and both directions, and a cursor is bound to its book."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.services import ReviewSort
from tests.books.factories import seed_books
from tests.helpers.graphql import database_id, execute, global_id, only_error
from tests.reviews.factories import seed_reviews_per_book, seed_users
from tests.reviews.graphql.documents import BOOK_REVIEWS, book_reviews

PER_BOOK = 11
ORDERS = [sort.name for sort in ReviewSort]


@pytest.fixture
async def books(db_session: AsyncSession) -> list[int]:
    """Three books with 11 reviews each (ties in time and rating)."""
    ids = await seed_books(db_session, 3)
    authors = await seed_users(db_session, PER_BOOK)
    await seed_reviews_per_book(db_session, ids, authors, per_book=PER_BOOK)
    return ids


async def walk(
    client: httpx.AsyncClient, book_id: int, order: str, *, backward: bool
) -> list[str]:
    """Every review id of a book, a page of 4 at a time."""
    seen: list[str] = []
    cursor = None
    while True:
        if backward:
            page = await book_reviews(
                client, book_id, last=4, before=cursor, order=order
            )
            seen = [edge["node"]["id"] for edge in page["edges"]] + seen
            more, cursor = (
                page["pageInfo"]["hasPreviousPage"],
                page["pageInfo"]["startCursor"],
            )
        else:
            page = await book_reviews(
                client, book_id, first=4, after=cursor, order=order
            )
            seen += [edge["node"]["id"] for edge in page["edges"]]
            more, cursor = (
                page["pageInfo"]["hasNextPage"],
                page["pageInfo"]["endCursor"],
            )
        if not more:
            return seen


@pytest.mark.parametrize("order", ORDERS)
async def test_walks_see_every_review_once_in_order(
    anonymous_client: httpx.AsyncClient, books: list[int], order: str
) -> None:
    for book_id in books:
        everything = await book_reviews(
            anonymous_client, book_id, first=100, order=order
        )
        expected = [edge["node"]["id"] for edge in everything["edges"]]
        assert len(expected) == PER_BOOK
        assert await walk(anonymous_client, book_id, order, backward=False) == expected
        assert await walk(anonymous_client, book_id, order, backward=True) == expected


async def test_a_cursor_of_one_book_is_refused_on_another(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    first, second, _ = books
    page = await book_reviews(anonymous_client, first, first=2)
    cursor = page["pageInfo"]["endCursor"]
    body = await execute(
        anonymous_client,
        BOOK_REVIEWS,
        {"id": global_id("Book", second), "first": 2, "after": cursor},
    )
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
    assert "other filters or another sort" in error["message"]
    again = await book_reviews(anonymous_client, first, first=2, after=cursor)
    assert again["edges"]
    assert again["pageInfo"]["hasPreviousPage"]


async def test_a_cursor_of_one_order_is_refused_in_another(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    page = await book_reviews(anonymous_client, books[0], first=2)
    body = await execute(
        anonymous_client,
        BOOK_REVIEWS,
        {
            "id": global_id("Book", books[0]),
            "first": 2,
            "after": page["pageInfo"]["endCursor"],
            "order": "RATING",
        },
    )
    assert only_error(body)["extensions"]["field"] == "after"


async def test_nested_cursors_of_many_books_in_one_request(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    query = """{ books(first: 3) { edges { node { id
      reviews(first: 4) { edges { node { id } } pageInfo { endCursor } }
    } } } }"""
    body = await execute(anonymous_client, query)
    nodes = [edge["node"] for edge in body["data"]["books"]["edges"]]
    for node in nodes:
        book_id = database_id(node["id"], "Book")
        cursor = node["reviews"]["pageInfo"]["endCursor"]
        rest = await book_reviews(anonymous_client, book_id, first=100, after=cursor)
        first = [edge["node"]["id"] for edge in node["reviews"]["edges"]]
        following = [edge["node"]["id"] for edge in rest["edges"]]
        assert len(first) == 4
        assert len(following) == PER_BOOK - 4
        assert not set(first) & set(following)


async def test_a_user_s_reviews_are_their_own(
    anonymous_client: httpx.AsyncClient, books: list[int]
) -> None:
    query = """{ reviews(first: 1) { edges { node { author { id
      reviews(first: 100) { edges { node { author { id } book { id } } } }
    } } } } }"""
    body = await execute(anonymous_client, query)
    (edge,) = body["data"]["reviews"]["edges"]
    author = edge["node"]["author"]
    reviews = [e["node"] for e in author["reviews"]["edges"]]
    assert len(reviews) == len(books)
    assert {review["author"]["id"] for review in reviews} == {author["id"]}
