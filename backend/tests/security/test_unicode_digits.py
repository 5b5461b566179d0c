"""Only ASCII digits are digits: ISBNs, ids, page counts, dates and limits.

`int()` reads Arabic-Indic, Devanagari or fullwidth digits, and `isdigit()`
also says yes to superscripts, which `int()` then refuses: an ISBN in other
digits was stored beside its ASCII twin, `"²" * 10` was a 500, and
`/api/books/%D9%A1` (Arabic-Indic one) answered book 1. Every place input is
parsed says 400 (REST), `BAD_USER_INPUT` (GraphQL) or a form error (admin).
"""

import html

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from tests.books.factories import book_payload, isbn13
from tests.helpers.admin_forms import submit
from tests.helpers.graphql import execute, global_id, only_error

ISBN10 = "0441172717"
ISBN13 = "9780441172719"
_ZEROS = {
    "arabic-indic": 0x0660,
    "extended-arabic-indic": 0x06F0,
    "devanagari": 0x0966,
    "fullwidth": 0xFF10,
    "mathematical-bold": 0x1D7CE,
}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SCRIPTS = [*_ZEROS, "superscript", "mixed-with-ascii"]


def spell(digits: str, script: str) -> str:
    """`digits` in another script ("mixed": every other one, from the first)."""
    if script == "superscript":
        return "".join(_SUPERSCRIPTS[int(d)] for d in digits)
    if script == "mixed-with-ascii":
        return "".join(
            d if i % 2 else chr(_ZEROS["arabic-indic"] + int(d))
            for i, d in enumerate(digits)
        )
    return "".join(chr(_ZEROS[script] + int(d)) for d in digits)


def problems(response: httpx.Response) -> str:
    """The fields a REST 400 names, with their messages."""
    assert response.status_code == 400, response.text
    return " ".join(f"{d['key']}: {d['message']}" for d in response.json()["extra"])


async def book_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(BookModel)) or 0


@pytest.mark.parametrize("script", SCRIPTS)
async def test_rest_body_takes_only_ascii_digits_and_stores_no_twin(
    client: httpx.AsyncClient, db_session: AsyncSession, script: str
) -> None:
    created = await client.post("/api/books", json=book_payload(isbn=ISBN10))
    assert created.status_code == 201, created.text
    book_id = created.json()["id"]
    for isbn in (
        spell(ISBN10, script),
        spell(ISBN13, script),
        f"978-{spell(ISBN10, script)}",
    ):
        twin = await client.post("/api/books", json=book_payload(2, isbn=isbn))
        assert "isbn" in problems(twin)
        patched = await client.patch(f"/api/books/{book_id}", json={"isbn": isbn})
        assert "isbn" in problems(patched)
    for field, value in [
        ("page_count", spell("412", script)),
        ("published_on", f"{spell('2020', script)}-01-02"),
    ]:
        response = await client.post(
            "/api/books", json=book_payload(3, **{field: value})
        )
        assert field in problems(response)
    assert await book_count(db_session) == 1


@pytest.mark.parametrize("script", SCRIPTS)
async def test_rest_url_takes_only_ascii_digits(
    client: httpx.AsyncClient, script: str
) -> None:
    created = await client.post("/api/books", json=book_payload())
    book_id = str(created.json()["id"])
    path = f"/api/books/{spell(book_id, script)}"
    for method in ("GET", "PATCH", "DELETE"):
        body = {"title": "Changed"} if method == "PATCH" else None
        response = await client.request(method, path, json=body)
        assert "item_id" in problems(response), method
    for name, value in [
        ("limit", spell("5", script)),
        ("published_after", f"{spell('2020', script)}-01-01"),
        ("cursor", spell("12345", script)),
    ]:
        response = await client.get("/api/books", params={name: value})
        assert name in problems(response)
    unchanged = await client.get(f"/api/books/{book_id}")
    assert unchanged.json()["title"] == "Title 1"


@pytest.mark.parametrize("sent", ["+1", " 1", "1_0", "0x1"])
async def test_rest_book_id_is_plain_digits(
    client: httpx.AsyncClient, sent: str
) -> None:
    await client.post("/api/books", json=book_payload())
    response = await client.get(f"/api/books/{sent}")
    assert "item_id" in problems(response)


def decimal_spellings(number: int) -> list[str]:
    """`number` as msgspec would read it from text: decimals and exponents."""
    return [
        f"{number}.0",
        f"{number}.",
        f"{number}.0000000000000001",
        f"{number}e0",
        f"{number}E0",
        f"{number * 10}e-1",
        f"{number / 10}e1",
        f"{number}.0e0",
    ]


async def test_rest_ids_and_integer_parameters_take_no_decimal_spelling(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = await client.post("/api/books", json=book_payload())
    book_id = created.json()["id"]
    spellings = [*decimal_spellings(book_id), "1.0", "1e2", "2.00249e5"]
    for spelling in spellings:
        for method in ("GET", "PATCH", "DELETE"):
            body = {"title": "Changed"} if method == "PATCH" else None
            response = await client.request(method, f"/api/books/{spelling}", json=body)
            assert "item_id" in problems(response), (method, spelling)
    for spelling in [*decimal_spellings(5), "1e1", "05", "+5", "0x5"]:
        response = await client.get("/api/books", params={"limit": spelling})
        assert "limit" in problems(response), spelling
    assert (await client.get("/api/books", params={"limit": "5"})).status_code == 200
    unchanged = await client.get(f"/api/books/{book_id}")
    assert unchanged.json()["title"] == "Title 1"
    assert await book_count(db_session) == 1


CREATE = "mutation($input: BookInput!) { createBook(input: $input) { id } }"
BY_ID = "query($id: ID!) { bookById(id: $id) { title } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
UPDATE = (
    "mutation($id: ID!, $input: BookPatchInput!) "
    "{ updateBook(id: $id, input: $input) { title } }"
)
DELETE = "mutation($id: ID!) { deleteBook(id: $id) }"


@pytest.mark.parametrize("script", SCRIPTS)
async def test_graphql_takes_only_ascii_digits_in_ids_isbns_and_numbers(
    client: httpx.AsyncClient, db_session: AsyncSession, script: str
) -> None:
    book = {"title": "Dune", "author": "Frank Herbert", "isbn": ISBN10}
    created = await execute(client, CREATE, {"input": book})
    book_id = created["data"]["createBook"]["id"]
    for isbn in (spell(ISBN10, script), spell(ISBN13, script)):
        twin = await execute(client, CREATE, {"input": {**book, "isbn": isbn}})
        error = only_error(twin)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "isbn"}
        patch = await execute(client, UPDATE, {"id": book_id, "input": {"isbn": isbn}})
        assert only_error(patch)["extensions"]["field"] == "isbn"
    database_id = str(await db_session.scalar(select(BookModel.id)))
    other_id = global_id("Book", spell(database_id, script))
    for query, variables in [
        (BY_ID, {"id": other_id}),
        (NODE, {"id": other_id}),
        (UPDATE, {"id": other_id, "input": {"title": "Changed"}}),
        (DELETE, {"id": other_id}),
    ]:
        error = only_error(await execute(client, query, variables))
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}
    # Int and Date values are parsed by graphql-core and `date.fromisoformat`.
    for changes in (
        {"pageCount": spell("412", script)},
        {"publishedOn": f"{spell('2020', script)}-01-02"},
    ):
        body = await execute(client, CREATE, {"input": {**book, **changes}})
        assert body.get("data") is None
        assert only_error(body)["extensions"]["code"] != "INTERNAL_SERVER_ERROR"
    listing = await execute(
        client,
        "query($first: Int) { books(first: $first) { edges { cursor } } }",
        {"first": spell("15", script)},
    )
    assert only_error(listing)["extensions"]["code"] != "INTERNAL_SERVER_ERROR"
    assert await book_count(db_session) == 1


ADMIN_BOOK = {
    "title": "Dune",
    "author": "Frank Herbert",
    "isbn": ISBN10,
    "published_on": "1965-08-01",
    "page_count": "412",
}


@pytest.mark.parametrize("script", SCRIPTS)
async def test_admin_form_takes_only_ascii_digits(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, script: str
) -> None:
    created = await submit(admin_client, "/admin/book/create", ADMIN_BOOK)
    assert created.status_code == 303, created.text
    for changes, message in [
        ({"isbn": spell(ISBN10, script)}, "isbn is not a valid ISBN-10 (digits 0-9"),
        ({"isbn": spell(ISBN13, script)}, "isbn must have 10 or 13 digits 0-9"),
        ({"page_count": spell("412", script)}, "Enter a whole number"),
    ]:
        response = await submit(
            admin_client,
            "/admin/book/create",
            {**ADMIN_BOOK, "isbn": isbn13(7), **changes},
        )
        assert response.status_code == 422, (changes, response.status_code)
        assert html.escape(message) in response.text
    assert await book_count(db_session) == 1
