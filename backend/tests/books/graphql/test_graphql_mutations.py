"""createBook, updateBook, deleteBook: results, error codes and rollbacks."""

import logging

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import book_payload
from tests.books.graphql.documents import BOOK_FIELDS, as_rest, rest_book
from tests.helpers.graphql import Body, execute, global_id, only_error

CREATE = f"""mutation($input: BookInput!) {{
  createBook(input: $input) {{ {BOOK_FIELDS} }}
}}"""
UPDATE = f"""mutation($id: ID!, $input: BookPatchInput!) {{
  updateBook(id: $id, input: $input) {{ {BOOK_FIELDS} }}
}}"""
DELETE = "mutation($id: ID!) { deleteBook(id: $id) }"


def book_input(number: int = 1, /, **overrides: object) -> dict[str, object]:
    """A valid `BookInput`."""
    payload = book_payload(number)
    return {
        "title": payload["title"],
        "author": payload["author"],
        "isbn": payload["isbn"],
        "publishedOn": payload["published_on"],
        "pageCount": payload["page_count"],
    } | overrides


async def create(client: httpx.AsyncClient, number: int = 1, **fields: object) -> Body:
    """Create a book through GraphQL; return it in the REST shape."""
    body = await execute(client, CREATE, {"input": book_input(number, **fields)})
    assert "errors" not in body, body
    return as_rest(body["data"]["createBook"])


async def stored(client: httpx.AsyncClient, book_id: int) -> Body:
    """The book as REST reads it back."""
    response = await client.get(f"/api/books/{book_id}")
    assert response.status_code == 200, response.text
    return rest_book(response.json())


async def rest_ids(client: httpx.AsyncClient) -> list[int]:
    """Ids of every stored book, per REST."""
    return [book["id"] for book in (await client.get("/api/books")).json()["items"]]


async def test_create_stores_normalised_fields(client: httpx.AsyncClient) -> None:
    variables = {"input": {"title": " Dune ", "author": "F", "isbn": "0-441-17271-7"}}
    body = await execute(client, CREATE, variables)
    book = body["data"]["createBook"]
    assert (book["title"], book["isbn"]) == ("Dune", "9780441172719")
    assert book["publishedOn"] is None
    assert as_rest(book) == await stored(client, as_rest(book)["id"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "   "}, "title"),
        ({"author": "x" * 256}, "author"),
        ({"isbn": "978-0-441-17271-8"}, "isbn"),
        ({"isbn": "12345"}, "isbn"),
        ({"pageCount": 0}, "pageCount"),
        ({"pageCount": 100_001}, "pageCount"),
    ],
)
async def test_invalid_create_is_bad_user_input_naming_the_field(
    client: httpx.AsyncClient, changes: dict[str, object], field: str
) -> None:
    body = await execute(client, CREATE, {"input": book_input(**changes)})
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert body["data"] is None
    assert await rest_ids(client) == []


async def test_input_of_the_wrong_shape_is_bad_user_input(
    client: httpx.AsyncClient,
) -> None:
    body = await execute(client, CREATE, {"input": {"title": "t", "author": "a"}})
    assert only_error(body)["extensions"]["code"] == "BAD_USER_INPUT"
    assert await rest_ids(client) == []


@pytest.mark.parametrize("spelling", ["0441172717", "978-0-441-17271-9"])
async def test_duplicate_isbn_is_a_conflict_and_stores_nothing(
    client: httpx.AsyncClient, spelling: str
) -> None:
    first = await create(client, isbn="9780441172719")
    body = await execute(client, CREATE, {"input": book_input(2, isbn=spelling)})
    error = only_error(body)
    assert error == error | {
        "message": "A book with this ISBN already exists.",
        "extensions": {"code": "CONFLICT"},
    }
    assert await rest_ids(client) == [first["id"]]


async def test_update_changes_only_the_fields_sent(client: httpx.AsyncClient) -> None:
    book = await create(client, 5)
    variables = {
        "id": global_id("Book", book["id"]),
        "input": {"title": " New ", "publishedOn": None, "isbn": "0-441-17271-7"},
    }
    changed = as_rest((await execute(client, UPDATE, variables))["data"]["updateBook"])
    assert changed["title"] == "New"
    assert changed["published_on"] is None
    assert changed["isbn"] == "9780441172719"
    assert (changed["author"], changed["page_count"]) == (
        book["author"],
        book["page_count"],
    )
    assert changed == await stored(client, book["id"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": None}, "title"),
        ({"isbn": "123"}, "isbn"),
        ({"pageCount": -1}, "pageCount"),
    ],
)
async def test_invalid_update_is_bad_user_input_and_keeps_the_row(
    client: httpx.AsyncClient, changes: dict[str, object], field: str
) -> None:
    book = await create(client, 7)
    variables = {"id": global_id("Book", book["id"]), "input": changes}
    error = only_error(await execute(client, UPDATE, variables))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await stored(client, book["id"]) == book


async def test_failed_update_rolls_back_and_leaves_the_row_unchanged(
    client: httpx.AsyncClient,
) -> None:
    first = await create(client, 1)
    second = await create(client, 2)
    variables = {
        "id": global_id("Book", second["id"]),
        "input": {"title": "Changed", "isbn": first["isbn"]},
    }
    error = only_error(await execute(client, UPDATE, variables))
    assert error["extensions"] == {"code": "CONFLICT"}
    assert await stored(client, second["id"]) == second


@pytest.mark.parametrize("query", [UPDATE, DELETE], ids=["update", "delete"])
async def test_unknown_book_is_not_found(client: httpx.AsyncClient, query: str) -> None:
    variables = {"id": global_id("Book", 987654), "input": {"title": "x"}}
    error = only_error(await execute(client, query, variables))
    assert error["message"] == "Book not found."
    assert error["extensions"] == {"code": "NOT_FOUND"}


@pytest.mark.parametrize("query", [UPDATE, DELETE], ids=["update", "delete"])
@pytest.mark.parametrize("wrong_id", [global_id("Other", 1), "not-an-id!"])
async def test_wrong_id_is_bad_user_input(
    client: httpx.AsyncClient, query: str, wrong_id: str
) -> None:
    variables = {"id": wrong_id, "input": {"title": "x"}}
    error = only_error(await execute(client, query, variables))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}


async def test_delete_returns_the_id_and_removes_the_book(
    client: httpx.AsyncClient,
) -> None:
    book = await create(client, 9)
    book_id = global_id("Book", book["id"])
    body = await execute(client, DELETE, {"id": book_id})
    assert body == {"data": {"deleteBook": book_id}}
    assert (await client.get(f"/api/books/{book['id']}")).status_code == 404
    again = only_error(await execute(client, DELETE, {"id": book_id}))
    assert again["extensions"] == {"code": "NOT_FOUND"}


async def test_unexpected_error_is_masked_and_logged_with_the_request_id(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await db_session.execute(
        text("ALTER TABLE book RENAME COLUMN title TO secret_title")
    )
    with caplog.at_level(logging.INFO, logger="backend.graphql.errors"):
        body = await execute(
            client,
            CREATE,
            {"input": book_input()},
            headers={"X-Request-ID": "req-42"},
        )
    error = only_error(body)
    assert error["message"] == "Internal server error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    logged = [
        r
        for r in caplog.records
        if r.name == "backend.graphql.errors" and "request_id=req-42" in r.getMessage()
    ]
    assert len(logged) == 1
    assert logged[0].levelno == logging.ERROR
    assert "does not exist" in caplog.text
    assert "does not exist" not in str(body)


async def test_client_errors_are_logged_with_the_request_id(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="backend.graphql.errors"):
        await execute(
            client,
            CREATE,
            {"input": book_input(isbn="1")},
            headers={"X-Request-ID": "req-7"},
        )
    (record,) = [
        r
        for r in caplog.records
        if r.name == "backend.graphql.errors" and "request_id=req-7" in r.getMessage()
    ]
    assert record.levelno == logging.INFO
    assert "BAD_USER_INPUT" in record.getMessage()
