"""createReview, updateReview, deleteReview: results, error codes, ownership
and rollbacks (the book's counters never move on a failed write)."""

from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.reviews.models import ReviewModel
from backend.apps.users.models import UserModel
from backend.settings import Settings
from tests.books.factories import seed_books
from tests.helpers.graphql import Body, database_id, execute, global_id, only_error
from tests.helpers.http import http_client
from tests.users.factories import add_user, bearer

FIELDS = "id rating body book { id reviewCount averageRating } author { id fullName }"
CREATE = (
    f"mutation($input: ReviewInput!) {{ createReview(input: $input) {{ {FIELDS} }} }}"
)
UPDATE = f"""mutation($id: ID!, $input: ReviewPatchInput!) {{
  updateReview(id: $id, input: $input) {{ {FIELDS} }}
}}"""
DELETE = "mutation($id: ID!) { deleteReview(id: $id) }"


@pytest.fixture
async def book(db_session: AsyncSession) -> int:
    (book_id,) = await seed_books(db_session, 1)
    return book_id


def review_input(book_id: int, **overrides: object) -> dict[str, object]:
    return {
        "bookId": global_id("Book", book_id),
        "rating": 4,
        "body": "Good.",
    } | overrides


async def counters(session: AsyncSession, book_id: int) -> tuple[int, int]:
    row = (
        await session.execute(
            select(BookModel.review_count, BookModel.rating_sum).where(
                BookModel.id == book_id
            )
        )
    ).one()
    return row.review_count, row.rating_sum


async def create(client: httpx.AsyncClient, book_id: int, **fields: object) -> Body:
    body = await execute(client, CREATE, {"input": review_input(book_id, **fields)})
    assert "errors" not in body, body
    return body["data"]["createReview"]


@pytest.fixture
async def other_client(
    app: Litestar, db_session: AsyncSession, password_hash: str, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in as another (ordinary) user."""
    other = await add_user(
        db_session, email="other@example.com", password_hash=password_hash
    )
    async with http_client(app, bearer(other.id, settings.secret_key)) as http:
        yield http


@pytest.fixture
async def superuser_client(
    app: Litestar, superuser: UserModel, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in (bearer token) as a superuser."""
    async with http_client(app, bearer(superuser.id, settings.secret_key)) as http:
        yield http


async def test_create_is_the_signed_in_user_s_and_counted(
    client: httpx.AsyncClient, user: UserModel, book: int, db_session: AsyncSession
) -> None:
    review = await create(client, book, rating=5, body="  Loved it. ")
    assert review["rating"] == 5
    assert review["author"]["id"] == global_id("User", user.id)
    assert review["book"] == {
        "id": global_id("Book", book),
        "reviewCount": 1,
        "averageRating": 5.0,
    }
    assert await counters(db_session, book) == (1, 5)


async def test_update_and_delete_keep_the_counters(
    client: httpx.AsyncClient, book: int, db_session: AsyncSession
) -> None:
    review = await create(client, book, rating=2)
    body = await execute(client, UPDATE, {"id": review["id"], "input": {"rating": 4}})
    assert body["data"]["updateReview"]["rating"] == 4
    assert body["data"]["updateReview"]["body"] == "Good."
    assert await counters(db_session, book) == (1, 4)
    body = await execute(client, DELETE, {"id": review["id"]})
    assert body["data"] == {"deleteReview": review["id"]}
    assert await counters(db_session, book) == (0, 0)
    assert (
        await db_session.get(ReviewModel, database_id(review["id"], "Review")) is None
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"rating": 6}, "rating"),
        ({"rating": 0}, "rating"),
        ({"body": "x" * 5001}, "body"),
        ({"bookId": "not an id"}, "bookId"),
        ({"bookId": global_id("User", 1)}, "bookId"),
    ],
)
async def test_bad_input_names_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    book: int,
    db_session: AsyncSession,
    fields: dict[str, object],
    field: str,
) -> None:
    body = await execute(client, CREATE, {"input": review_input(book, **fields)})
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await counters(db_session, book) == (0, 0)


async def test_bad_change_names_the_field_and_keeps_the_review(
    client: httpx.AsyncClient, book: int, db_session: AsyncSession
) -> None:
    review = await create(client, book, rating=3)
    body = await execute(client, UPDATE, {"id": review["id"], "input": {"rating": 9}})
    assert only_error(body)["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "rating",
    }
    assert await counters(db_session, book) == (1, 3)


async def test_unknown_book_or_review_is_not_found(
    client: httpx.AsyncClient, book: int, db_session: AsyncSession
) -> None:
    body = await execute(client, CREATE, {"input": review_input(book + 1000)})
    assert only_error(body)["extensions"] == {"code": "NOT_FOUND"}
    missing = global_id("Review", 999_999)
    for document, variables in [
        (UPDATE, {"id": missing, "input": {"rating": 1}}),
        (DELETE, {"id": missing}),
    ]:
        body = await execute(client, document, variables)
        assert only_error(body)["extensions"] == {"code": "NOT_FOUND"}


async def test_a_second_review_of_the_same_book_is_a_conflict_and_rolled_back(
    client: httpx.AsyncClient, book: int, db_session: AsyncSession
) -> None:
    await create(client, book, rating=2)
    body = await execute(client, CREATE, {"input": review_input(book, rating=5)})
    assert only_error(body)["extensions"] == {"code": "CONFLICT"}
    assert await counters(db_session, book) == (1, 2)


async def test_anonymous_writes_are_unauthenticated(
    anonymous_client: httpx.AsyncClient, book: int, db_session: AsyncSession
) -> None:
    body = await execute(anonymous_client, CREATE, {"input": review_input(book)})
    assert only_error(body)["extensions"] == {"code": "UNAUTHENTICATED"}
    assert await counters(db_session, book) == (0, 0)


async def test_another_user_s_review_is_forbidden(
    client: httpx.AsyncClient,
    other_client: httpx.AsyncClient,
    book: int,
    db_session: AsyncSession,
) -> None:
    review = await create(client, book, rating=3)
    body = await execute(
        other_client, UPDATE, {"id": review["id"], "input": {"rating": 5}}
    )
    assert only_error(body)["extensions"] == {"code": "FORBIDDEN"}
    body = await execute(other_client, DELETE, {"id": review["id"]})
    assert only_error(body)["extensions"] == {"code": "FORBIDDEN"}
    assert await counters(db_session, book) == (1, 3)


async def test_a_superuser_may_change_and_delete_any_review(
    client: httpx.AsyncClient,
    superuser_client: httpx.AsyncClient,
    book: int,
    db_session: AsyncSession,
) -> None:
    review = await create(client, book, rating=3)
    body = await execute(
        superuser_client, UPDATE, {"id": review["id"], "input": {"body": "Edited."}}
    )
    assert body["data"]["updateReview"]["body"] == "Edited."
    body = await execute(superuser_client, DELETE, {"id": review["id"]})
    assert body["data"] == {"deleteReview": review["id"]}
    assert await counters(db_session, book) == (0, 0)
