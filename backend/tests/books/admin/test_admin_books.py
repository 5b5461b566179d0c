"""Books through the admin's HTML forms: the service's rules, errors on the form."""

import html

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.kit.isbns import ISBN_INPUT_MAX_LENGTH
from tests.books.factories import isbn13, seed_books
from tests.helpers.admin_forms import run_action, submit

NEW_BOOK = {
    "title": "  Dune ",
    "author": "Frank Herbert",
    "isbn": "0-441-17271-7",
    "published_on": "1965-08-01",
    "page_count": "412",
}


async def book_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(BookModel)) or 0


async def stored_book(session: AsyncSession, book_id: int) -> BookModel | None:
    session.expire_all()
    return await session.get(BookModel, book_id)


async def test_book_urls_use_the_book_key(admin_client: httpx.AsyncClient) -> None:
    home = await admin_client.get("/admin/")
    assert 'href="http://testserver/admin/book/list"' in home.text
    assert 'href="http://testserver/admin/user/list"' in home.text


async def test_list_shows_the_books(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 3, start=40)
    response = await admin_client.get("/admin/book/list")
    assert response.status_code == 200
    for number in (40, 41, 42):
        assert isbn13(number) in response.text


async def test_create_goes_through_the_service(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    response = await submit(admin_client, "/admin/book/create", NEW_BOOK)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "http://testserver/admin/book/list"
    book = await db_session.scalar(select(BookModel))
    assert book is not None
    assert (book.title, book.isbn, book.page_count) == ("Dune", "9780441172719", 412)
    listing = await admin_client.get("/admin/book/list")
    assert "9780441172719" in listing.text


async def test_create_form_has_no_audit_columns(
    admin_client: httpx.AsyncClient,
) -> None:
    form = await admin_client.get("/admin/book/create")
    assert 'name="title"' in form.text
    # The form states the service's limits: one value per rule.
    assert f'maxlength="{ISBN_INPUT_MAX_LENGTH}"' in form.text
    assert 'maxlength="255"' in form.text
    assert 'name="created_at"' not in form.text
    assert 'name="updated_at"' not in form.text


async def test_edit_goes_through_the_service(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    [book_id] = await seed_books(db_session, 1)
    form_page = await admin_client.get(f"/admin/book/edit?pk={book_id}")
    assert 'name="created_at"' not in form_page.text
    response = await submit(
        admin_client,
        f"/admin/book/edit?pk={book_id}",
        {**NEW_BOOK, "title": " Children of Dune ", "page_count": ""},
    )
    assert response.status_code == 303, response.text
    book = await stored_book(db_session, book_id)
    assert book is not None
    assert (book.title, book.isbn, book.page_count) == (
        "Children of Dune",
        "9780441172719",
        None,
    )


async def test_delete_goes_through_the_service(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first, second = await seed_books(db_session, 2)
    response = await run_action(admin_client, "book", "delete", [first])
    assert response.status_code == 200, response.text
    assert await stored_book(db_session, first) is None
    assert await stored_book(db_session, second) is not None


@pytest.mark.parametrize("spelling", ["978-0-441-17271-9", "0441172717"])
async def test_duplicate_isbn_is_a_form_error(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, spelling: str
) -> None:
    assert (await submit(admin_client, "/admin/book/create", NEW_BOOK)).is_redirect
    response = await submit(
        admin_client, "/admin/book/create", {**NEW_BOOK, "isbn": spelling}
    )
    assert response.status_code == 422
    assert "A book with this ISBN already exists." in response.text
    assert await book_count(db_session) == 1


async def test_edit_to_a_duplicate_isbn_is_a_form_error(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    first, second = await seed_books(db_session, 2)
    response = await submit(
        admin_client,
        f"/admin/book/edit?pk={second}",
        {**NEW_BOOK, "isbn": isbn13(0)},
    )
    assert response.status_code == 422
    assert "A book with this ISBN already exists." in response.text
    book = await stored_book(db_session, second)
    assert book is not None
    assert book.isbn == isbn13(1)
    assert first != second


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"isbn": "0441172718"}, "isbn is not a valid ISBN-10 (check digit)"),
        ({"title": "   "}, "title must not be empty"),
        ({"page_count": "0"}, "page_count must be between 1 and 100000"),
    ],
)
async def test_broken_rule_is_a_form_error(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    changes: dict[str, str],
    message: str,
) -> None:
    response = await submit(admin_client, "/admin/book/create", {**NEW_BOOK, **changes})
    assert response.status_code == 422
    assert html.escape(message) in response.text
    assert await book_count(db_session) == 0
