"""Helpers to talk to `/graphql` and to compare its books with the REST ones."""

import base64
from collections.abc import AsyncGenerator, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import httpx

from backend.app import create_app
from tests.conftest import make_settings
from tests.lifespan import serving

type Body = dict[str, Any]

BOOK_FIELDS = "id title author isbn publishedOn pageCount createdAt updatedAt"
BOOKS = f"""
query($first: Int, $after: String, $last: Int, $before: String,
      $filter: BookFilter, $orderBy: BookOrder! = CREATED_AT_DESC) {{
  books(first: $first, after: $after, last: $last, before: $before,
        filter: $filter, orderBy: $orderBy) {{
    edges {{ cursor node {{ {BOOK_FIELDS} }} }}
    pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
  }}
}}
"""


async def execute(
    client: httpx.AsyncClient,
    query: str,
    variables: Mapping[str, object] | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> Body:
    """POST a GraphQL request; GraphQL answers 200 even when it reports errors."""
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


async def books_page(client: httpx.AsyncClient, **variables: object) -> Body:
    """The `books` connection for these variables; fails on any error."""
    body = await execute(client, BOOKS, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]["books"]


def only_error(body: Body) -> Body:
    """The single error of a response."""
    errors = body.get("errors") or []
    assert len(errors) == 1, body
    return errors[0]


def global_id(type_name: str, node_id: object) -> str:
    """A Relay global id, as Strawberry encodes it."""
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


def database_id(node_global_id: str) -> int:
    """The database id inside a `Book` global id."""
    type_name, node_id = base64.b64decode(node_global_id).decode().split(":")
    assert type_name == "Book"
    return int(node_id)


def as_rest(node: Body) -> Body:
    """A GraphQL book in the REST shape, for row-for-row comparison."""
    return {
        "id": database_id(node["id"]),
        "title": node["title"],
        "author": node["author"],
        "isbn": node["isbn"],
        "published_on": node["publishedOn"],
        "page_count": node["pageCount"],
        "created_at": datetime.fromisoformat(node["createdAt"]),
        "updated_at": datetime.fromisoformat(node["updatedAt"]),
    }


def rest_book(book: Body) -> Body:
    """A REST book with parsed timestamps, comparable with `as_rest`."""
    return book | {
        "created_at": datetime.fromisoformat(book["created_at"]),
        "updated_at": datetime.fromisoformat(book["updated_at"]),
    }


@asynccontextmanager
async def app_client(
    database_url: str, **overrides: object
) -> AsyncGenerator[httpx.AsyncClient]:
    """A client of a separate app built with these setting overrides."""
    app = create_app(make_settings(database_url, **overrides))
    async with serving(app):
        transport = httpx.ASGITransport(app=app)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver"
        ) as http:
            yield http
