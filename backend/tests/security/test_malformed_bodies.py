"""A body the server cannot read is the client's 4xx, never a 500; a 500 is logged.

Invalid UTF-8 inside a JSON string and JSON nested 10 000 deep broke the
decoders with errors nobody mapped (`UnicodeDecodeError`, `RecursionError`):
500s on sign-in, books and `/graphql`, and Litestar logged them only in debug
mode. Every 500 that still happens is logged once, at ERROR, with its
traceback and the request id the client got in `X-Request-ID`.
"""

import logging

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import book_payload

JSON = {"content-type": "application/json"}
DEEP = b"[" * 10_000 + b"]" * 10_000
DEEP_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000
BROKEN_BODIES = {
    "invalid UTF-8 in a string": b'{"email": "a\xff@example.com", "password": "x\xc3"}',
    "a lone UTF-8 continuation byte": b'{"title": "\x80", "query": "\x80"}',
    "an overlong UTF-8 encoding": b'{"title": "\xc0\xaf", "query": "\xc0\xaf"}',
    "arrays nested 10 000 deep": DEEP,
    "objects nested 10 000 deep": DEEP_OBJECT,
    "a field nested 10 000 deep": b'{"title": ' + DEEP + b', "query": ' + DEEP + b"}",
}
ODD_BODIES = {
    "a list": b"[1, 2]",
    "a number": b"42",
    "null": b"null",
    "a string": b'"query"',
    "empty": b"",
    "truncated": b'{"email": "a@example.com", "pass',
    "UTF-16": '{"email": "a@example.com"}'.encode("utf-16"),
    "a BOM first": b'\xef\xbb\xbf{"email": "a@example.com"}',
    "a lone surrogate escape": b'{"title": "\\ud800", "query": "{ __typename }"}',
}


@pytest.fixture
async def book_id(client: httpx.AsyncClient) -> int:
    created = await client.post("/api/books", json=book_payload())
    return created.json()["id"]


def rest_targets(book_id: int) -> list[tuple[str, str]]:
    return [
        ("POST", "/api/auth/login"),
        ("POST", "/api/books"),
        ("PATCH", f"/api/books/{book_id}"),
    ]


@pytest.mark.parametrize("body", BROKEN_BODIES.values(), ids=BROKEN_BODIES.keys())
async def test_undecodable_json_is_a_rest_400(
    client: httpx.AsyncClient, book_id: int, body: bytes
) -> None:
    for method, path in rest_targets(book_id):
        response = await client.request(method, path, content=body, headers=JSON)
        assert response.status_code == 400, (method, path, response.text)
        assert set(response.json()) == {"status_code", "detail"}
        assert "JSON is malformed" in response.json()["detail"]


@pytest.mark.parametrize("body", BROKEN_BODIES.values(), ids=BROKEN_BODIES.keys())
async def test_undecodable_json_is_a_graphql_400(
    anonymous_client: httpx.AsyncClient, body: bytes
) -> None:
    response = await anonymous_client.post("/graphql", content=body, headers=JSON)
    assert response.status_code == 400, response.text
    assert response.text == "Unable to parse request body as JSON"


async def test_a_body_that_is_not_a_json_object_is_a_4xx_everywhere(
    client: httpx.AsyncClient, book_id: int
) -> None:
    for name, body in ODD_BODIES.items():
        for method, path in [*rest_targets(book_id), ("POST", "/graphql")]:
            response = await client.request(method, path, content=body, headers=JSON)
            assert 400 <= response.status_code < 500, (name, method, path)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", ""],
)
async def test_a_wrong_content_type_is_a_4xx_everywhere(
    client: httpx.AsyncClient, book_id: int, content_type: str
) -> None:
    for method, path in [*rest_targets(book_id), ("POST", "/graphql")]:
        for body in (b'{"query": "{ __typename }"}', b"\xff\xfe", DEEP):
            response = await client.request(
                method, path, content=body, headers={"content-type": content_type}
            )
            assert 400 <= response.status_code < 500, (method, path, response.text)


async def test_graphql_variables_in_a_query_string_are_decoded_safely(
    anonymous_client: httpx.AsyncClient,
) -> None:
    for variables in ["[" * 10_000, "null", "7", '{"a": "\\ud800"}']:
        response = await anonymous_client.get(
            "/graphql",
            params={"query": "{ __typename }", "variables": variables},
        )
        assert response.status_code == 400, (variables, response.text)


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_500_from_a_handler_is_logged_once_with_its_request_id(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await db_session.execute(text("ALTER TABLE book RENAME COLUMN title TO old_title"))
    with caplog.at_level(logging.INFO):
        response = await client.get("/api/books", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.json() == {"status_code": 500, "detail": "Internal server error."}
    (record,) = errors_logged(caplog)
    assert record.exc_info is not None
    assert "req-500" in record.getMessage()
    assert "old_title" not in response.text


async def test_a_500_outside_a_handler_is_logged_once_with_its_request_id(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The bearer check reads the user before any handler runs.
    await db_session.execute(
        text("ALTER TABLE user_account RENAME COLUMN is_active TO was_active")
    )
    with caplog.at_level(logging.INFO):
        response = await client.get("/api/auth/me")
    assert response.status_code == 500
    assert response.json() == {"status_code": 500, "detail": "Internal server error."}
    (record,) = errors_logged(caplog)
    assert record.exc_info is not None
    assert response.headers["x-request-id"] in record.getMessage()
    assert record.__dict__["request_id"] == response.headers["x-request-id"]
    assert "was_active" not in response.text
