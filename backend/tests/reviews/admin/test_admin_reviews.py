"""Reviews through the admin's HTML forms: every write goes through
`ReviewService`, so the book's counters move exactly with it; a refused value
is an error next to its field and nothing is written."""

import html

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.admin.views.review import ALREADY_REVIEWED, NO_SUCH_USER
from backend.apps.reviews.models import BODY_MAX_LENGTH, ReviewModel
from backend.apps.users.models import UserModel
from tests.books.factories import seed_books
from tests.helpers.admin_forms import csrf_token, run_action, sign_in, submit
from tests.helpers.sql import StatementRecorder
from tests.reviews.admin.seeds import (
    add_readers,
    add_review,
    counters,
    stored_review,
)
from tests.users.factories import TEST_PASSWORD, add_user

CREATE = "/admin/review/create"
UNKNOWN_ID = "999999999"


async def review_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(ReviewModel)) or 0


@pytest.fixture
async def book_id(db_session: AsyncSession) -> int:
    [book] = await seed_books(db_session, 1, start=7)
    return book


@pytest.fixture
async def reader(db_session: AsyncSession, password_hash: str) -> UserModel:
    [user] = await add_readers(db_session, password_hash, 1)
    return user


@pytest.fixture
def reader_id(reader: UserModel) -> int:
    """The reader's id, read before any test expires the session's objects."""
    return reader.id


def review_form(book_id: int, user_id: int, **changes: str) -> dict[str, str]:
    return {
        "book_id": str(book_id),
        "user_id": str(user_id),
        "rating": "4",
        "body": "A fine book.\n\nRead it twice.",
        **changes,
    }


async def test_create_stores_the_authors_review_and_counts_it(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader_id: int,
    superuser: UserModel,
) -> None:
    admin_id = superuser.id
    response = await submit(admin_client, CREATE, review_form(book_id, reader_id))
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "http://testserver/admin/review/list"
    review = await db_session.scalar(select(ReviewModel))
    assert review is not None
    assert (review.book_id, review.user_id, review.rating) == (book_id, reader_id, 4)
    assert review.body == "A fine book.\n\nRead it twice."
    assert review.user_id != admin_id
    assert await counters(db_session, book_id) == (1, 4, 4.0)
    other = await add_user(db_session, password_hash="x", email="second@example.com")
    second = await submit(
        admin_client, CREATE, review_form(book_id, other.id, rating="1")
    )
    assert second.status_code == 303, second.text
    assert await counters(db_session, book_id) == (2, 5, 2.5)


async def test_edit_changes_rating_and_text_and_moves_the_sum(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader_id: int,
) -> None:
    review_id = await add_review(db_session, book_id, reader_id, 4)
    form = await admin_client.get(f"/admin/review/edit?pk={review_id}")
    assert form.status_code == 200
    assert 'name="book_id"' not in form.text
    assert 'name="user_id"' not in form.text
    response = await submit(
        admin_client,
        f"/admin/review/edit?pk={review_id}",
        {"rating": "2", "body": " Less fine on rereading. "},
    )
    assert response.status_code == 303, response.text
    review = await stored_review(db_session, review_id)
    assert review is not None
    assert (review.rating, review.body) == (2, "Less fine on rereading.")
    # The superuser edited it; it is still the reader's review of the book.
    assert (review.book_id, review.user_id) == (book_id, reader_id)
    assert await counters(db_session, book_id) == (1, 2, 2.0)


async def test_delete_removes_the_review_and_uncounts_it(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    password_hash: str,
) -> None:
    first, second = await add_readers(db_session, password_hash, 2)
    kept = await add_review(db_session, book_id, first.id, 5)
    removed = await add_review(db_session, book_id, second.id, 2)
    assert await counters(db_session, book_id) == (2, 7, 3.5)
    response = await run_action(admin_client, "review", "delete", [removed])
    assert response.status_code == 200, response.text
    assert await stored_review(db_session, removed) is None
    assert await stored_review(db_session, kept) is not None
    assert await counters(db_session, book_id) == (1, 5, 5.0)
    response = await run_action(admin_client, "review", "delete", [kept])
    assert response.status_code == 200, response.text
    assert await counters(db_session, book_id) == (0, 0, None)


async def test_a_review_without_an_author_can_be_edited_and_deleted(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader: UserModel,
) -> None:
    review_id = await add_review(db_session, book_id, reader.id, 3)
    await db_session.delete(reader)
    await db_session.flush()
    detail = await admin_client.get(f"/admin/review/detail?pk={review_id}")
    assert detail.status_code == 200
    edited = await submit(
        admin_client,
        f"/admin/review/edit?pk={review_id}",
        {"rating": "5", "body": "Kept."},
    )
    assert edited.status_code == 303, edited.text
    assert await counters(db_session, book_id) == (1, 5, 5.0)
    deleted = await run_action(admin_client, "review", "delete", [review_id])
    assert deleted.status_code == 200, deleted.text
    assert await counters(db_session, book_id) == (0, 0, None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"rating": "0"}, "rating", "rating must be between 1 and 5"),
        ({"rating": "6"}, "rating", "rating must be between 1 and 5"),
        ({"rating": "abc"}, "rating", "Enter a whole number"),
        ({"rating": ""}, "rating", "rating"),
        ({"body": "  \n  "}, "body", "body"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body", str(BODY_MAX_LENGTH)),
        ({"book_id": ""}, "book_id", "This field is required."),
        ({"book_id": "abc"}, "book_id", "Choose a book from the list."),
        ({"book_id": UNKNOWN_ID}, "book_id", "Book not found."),
        ({"user_id": ""}, "user_id", "This field is required."),
        ({"user_id": "-1"}, "user_id", "Choose a user from the list."),
        ({"user_id": UNKNOWN_ID}, "user_id", NO_SUCH_USER),
    ],
    ids=[
        "rating 0",
        "rating 6",
        "rating text",
        "no rating",
        "blank body",
        "oversized body",
        "no book",
        "book text",
        "unknown book",
        "no author",
        "author text",
        "unknown author",
    ],
)
async def test_refused_input_is_a_form_error_and_writes_nothing(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader: UserModel,
    *,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = await submit(
        admin_client, CREATE, {**review_form(book_id, reader.id), **changes}
    )
    assert response.status_code == 422, response.text
    assert f'id="{field}-error"' in response.text
    error = response.text.split(f'id="{field}-error">', 1)[1].split("</div>", 1)[0]
    assert html.escape(message) in error
    assert await review_count(db_session) == 0
    assert await counters(db_session, book_id) == (0, 0, None)


async def test_a_second_review_of_the_book_by_the_author_is_a_form_error(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader: UserModel,
) -> None:
    first = await submit(admin_client, CREATE, review_form(book_id, reader.id))
    assert first.status_code == 303, first.text
    again = await submit(
        admin_client, CREATE, review_form(book_id, reader.id, rating="1")
    )
    assert again.status_code == 422
    assert html.escape(ALREADY_REVIEWED) in again.text
    assert 'id="book_id-error"' in again.text
    assert await review_count(db_session) == 1
    assert await counters(db_session, book_id) == (1, 4, 4.0)


@pytest.mark.parametrize(
    "changes", [{"rating": "9"}, {"body": ""}, {"rating": "x"}], ids=str
)
async def test_a_refused_edit_is_a_form_error_and_keeps_the_review(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader: UserModel,
    changes: dict[str, str],
) -> None:
    review_id = await add_review(db_session, book_id, reader.id, 3, "Same.")
    response = await submit(
        admin_client,
        f"/admin/review/edit?pk={review_id}",
        {"rating": "3", "body": "Same.", **changes},
    )
    assert response.status_code == 422, response.text
    review = await stored_review(db_session, review_id)
    assert review is not None
    assert (review.rating, review.body) == (3, "Same.")
    assert await counters(db_session, book_id) == (1, 3, 3.0)


async def test_list_and_detail_name_the_book_and_the_author(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    reader: UserModel,
) -> None:
    reader.full_name = "Rea Der"
    review_id = await add_review(db_session, book_id, reader.id, 5)
    for path in ("/admin/review/list", f"/admin/review/detail?pk={review_id}"):
        page = await admin_client.get(path)
        assert page.status_code == 200, path
        assert "Book 007 by Author 7" in page.text, path
        assert "Rea Der" in page.text, path
        assert f"/admin/book/detail?pk={book_id}" in page.text, path
        assert f"/admin/user/detail?pk={reader.id}" in page.text, path


async def test_the_list_page_runs_as_many_statements_for_any_page_size(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    password_hash: str,
    sql_statements: StatementRecorder,
) -> None:
    books = await seed_books(db_session, 6, start=100)
    readers = await add_readers(db_session, password_hash, 5)
    for book in books:
        for number, reader in enumerate(readers):
            await add_review(db_session, book, reader.id, 1 + number)
    executed = {}
    for size in (10, 25):
        with sql_statements() as statements:
            page = await admin_client.get(
                "/admin/review/list", params={"page_size": size}
            )
        assert page.status_code == 200
        assert page.text.count("/admin/review/detail?pk=") >= size
        executed[size] = statements
    assert len(executed[10]) == len(executed[25]), executed
    # The session's user, the page, its books, their authors, the count.
    assert len(executed[25]) <= 5, executed[25]


async def test_search_finds_the_reviews_of_a_book_by_its_id(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    first, second = await seed_books(db_session, 2, start=300)
    [reader] = await add_readers(db_session, password_hash, 1)
    await add_review(db_session, first, reader.id, 2)
    await add_review(db_session, second, reader.id, 3)
    page = await admin_client.get("/admin/review/list", params={"q": str(second)})
    assert page.status_code == 200
    assert "Book 009 by Author 1" not in page.text  # the first book
    assert "Book 010 by Author 2" in page.text  # the second
    nothing = await admin_client.get("/admin/review/list", params={"q": "dune"})
    assert nothing.status_code == 200
    assert "Book 01" not in nothing.text


async def test_anonymous_visitors_and_readers_are_refused(
    anonymous_client: httpx.AsyncClient,
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    book_id: int,
    user: UserModel,
) -> None:
    for http in (anonymous_client, client):
        for path in (
            "/admin/review/list",
            CREATE,
            "/admin/_api/book/relation-lookup",
            "/admin/_api/user/relation-lookup",
        ):
            response = await http.get(path)
            assert response.status_code == 303, path
            assert "/admin/login" in response.headers["location"], path
    token = csrf_token(await anonymous_client.get("/admin/login"))
    post = await anonymous_client.post(
        CREATE, data={**review_form(book_id, user.id), "csrftoken": token}
    )
    assert post.status_code == 303
    refused = await sign_in(anonymous_client, user.email, TEST_PASSWORD)
    assert refused.status_code == 400
    assert (await anonymous_client.get("/admin/review/list")).status_code == 303
    assert await review_count(db_session) == 0
