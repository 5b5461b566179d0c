"""Every input is bounded: body size, string lengths, ids, NUL characters."""

from collections.abc import AsyncIterator

import httpx
import pytest

from backend.apps.books.validation import FILTER_TEXT_MAX_LENGTH
from backend.kit.isbns import ISBN_INPUT_MAX_LENGTH
from tests.books.graphql.documents import BOOKS
from tests.helpers.graphql import execute

BOOK = {"title": "Dune", "author": "Frank Herbert", "isbn": "0-441-17271-7"}


def problem_keys(response: httpx.Response) -> set[str]:
    return {problem["key"] for problem in response.json().get("extra") or []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * (FILTER_TEXT_MAX_LENGTH + 1)}, "q"),
        ({"author": "x" * (FILTER_TEXT_MAX_LENGTH + 1)}, "author"),
        ({"q": "nul\x00here"}, "q"),
    ],
)
async def test_oversized_or_nul_filters_are_400(
    anonymous_client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await anonymous_client.get("/api/books", params=params)
    assert response.status_code == 400
    assert field in problem_keys(response)


@pytest.mark.parametrize("book_id", ["0", str(2**63), "-5"])
async def test_ids_outside_bigint_are_400_not_500(
    anonymous_client: httpx.AsyncClient, book_id: str
) -> None:
    response = await anonymous_client.get(f"/api/books/{book_id}")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "Du\x00ne"}, "title"),
        ({"author": "\x00"}, "author"),
        ({"isbn": "0" * (ISBN_INPUT_MAX_LENGTH + 1)}, "isbn"),
    ],
)
async def test_nul_characters_and_long_isbns_are_400(
    client: httpx.AsyncClient, changes: dict[str, str], field: str
) -> None:
    response = await client.post("/api/books", json={**BOOK, **changes})
    assert response.status_code == 400
    assert field in problem_keys(response)


async def test_a_nul_in_the_login_email_is_400(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.post(
        "/api/auth/login", json={"email": "a\x00@example.com", "password": "x" * 12}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("book_filter", "field"),
    [
        ({"q": "x" * (FILTER_TEXT_MAX_LENGTH + 1)}, "q"),
        ({"author": "a\x00b"}, "author"),
    ],
)
async def test_graphql_filters_are_bounded_too(
    anonymous_client: httpx.AsyncClient, book_filter: dict[str, str], field: str
) -> None:
    body = await execute(anonymous_client, BOOKS, {"first": 1, "filter": book_filter})
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_graphql_refuses_a_nul_in_a_title(client: httpx.AsyncClient) -> None:
    mutation = "mutation($input: BookInput!) { createBook(input: $input) { id } }"
    body = await execute(client, mutation, {"input": {**BOOK, "title": "a\x00"}})
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "title"}


async def test_the_admin_refuses_an_oversized_body(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.post(
        "/admin/login",
        content=b"username=" + b"x" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


async def test_the_admin_wants_a_length_for_a_chunked_body(
    anonymous_client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"username=x"

    response = await anonymous_client.post(
        "/admin/login",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 411
