"""Racing writes on one book: never a 5xx, exactly one delete wins, the loser gets 404.

Served by uvicorn, so each request has its own connection and transaction.
"""

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from pathlib import Path

import httpx
import pytest

from tests.books.factories import book_payload
from tests.helpers.graphql import global_id
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import serve, server_env

pytestmark = pytest.mark.reliability

PATCH_DELETE_TRIES = 40
DELETE_DELETE_TRIES = 20
UPDATE = 'mutation($id: ID!) { updateBook(id: $id, input: {title: "Raced"}) { id } }'
DELETE = "mutation($id: ID!) { deleteBook(id: $id) }"


@pytest.fixture
async def writer(app_database: str, log_dir: Path) -> AsyncGenerator[httpx.AsyncClient]:
    """A signed-in client of the served app."""
    await add_user(app_database)
    async with serve(server_env(app_database), log_dir=log_dir) as server:
        auth = await sign_in(server.url)
        async with httpx.AsyncClient(
            base_url=server.url,
            headers=auth,
            timeout=30,
            limits=httpx.Limits(max_connections=10),
        ) as http:
            yield http


class Books:
    """Creates fresh books for each try."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.number = 0

    async def new(self) -> int:
        self.number += 1
        created = await self.http.post(
            "/api/books", json=book_payload(7_000 + self.number)
        )
        assert created.status_code == 201, created.text
        return created.json()["id"]


def graphql_code(response: httpx.Response) -> str:
    """`OK` for a GraphQL success, else the error's code."""
    assert response.status_code == 200, response.text
    errors = response.json().get("errors")
    return errors[0]["extensions"]["code"] if errors else "OK"


async def gql(http: httpx.AsyncClient, query: str, book_id: int) -> httpx.Response:
    return await http.post(
        "/graphql",
        json={"query": query, "variables": {"id": global_id("Book", book_id)}},
    )


async def test_rest_patch_racing_delete_is_200_or_404_never_500(
    writer: httpx.AsyncClient, figures: dict[str, str]
) -> None:
    books = Books(writer)
    outcomes: Counter[tuple[int, int]] = Counter()
    for _ in range(PATCH_DELETE_TRIES):
        book_id = await books.new()
        patched, deleted = await asyncio.gather(
            writer.patch(f"/api/books/{book_id}", json={"title": "Raced"}),
            writer.delete(f"/api/books/{book_id}"),
        )
        outcomes[patched.status_code, deleted.status_code] += 1
    figures["REST PATCH vs DELETE (patch, delete)"] = str(dict(outcomes))
    assert set(outcomes) <= {(200, 204), (404, 204)}, outcomes


async def test_graphql_update_racing_delete_is_ok_or_not_found(
    writer: httpx.AsyncClient, figures: dict[str, str]
) -> None:
    books = Books(writer)
    outcomes: Counter[tuple[str, str]] = Counter()
    for _ in range(PATCH_DELETE_TRIES):
        book_id = await books.new()
        updated, deleted = await asyncio.gather(
            gql(writer, UPDATE, book_id), gql(writer, DELETE, book_id)
        )
        outcomes[graphql_code(updated), graphql_code(deleted)] += 1
    figures["GraphQL updateBook vs deleteBook"] = str(dict(outcomes))
    assert set(outcomes) <= {("OK", "OK"), ("NOT_FOUND", "OK")}, outcomes


async def test_rest_concurrent_deletes_exactly_one_204(
    writer: httpx.AsyncClient,
) -> None:
    books = Books(writer)
    for _ in range(DELETE_DELETE_TRIES):
        book_id = await books.new()
        responses = await asyncio.gather(
            writer.delete(f"/api/books/{book_id}"),
            writer.delete(f"/api/books/{book_id}"),
        )
        assert sorted(r.status_code for r in responses) == [204, 404]


async def test_graphql_concurrent_deletes_exactly_one_succeeds(
    writer: httpx.AsyncClient,
) -> None:
    books = Books(writer)
    for _ in range(DELETE_DELETE_TRIES):
        book_id = await books.new()
        responses = await asyncio.gather(
            gql(writer, DELETE, book_id), gql(writer, DELETE, book_id)
        )
        assert sorted(graphql_code(r) for r in responses) == ["NOT_FOUND", "OK"]


async def test_rest_and_graphql_deletes_racing_each_other_one_wins(
    writer: httpx.AsyncClient,
) -> None:
    books = Books(writer)
    for _ in range(DELETE_DELETE_TRIES):
        book_id = await books.new()
        rest, graphql = await asyncio.gather(
            writer.delete(f"/api/books/{book_id}"), gql(writer, DELETE, book_id)
        )
        outcome = {rest.status_code, graphql_code(graphql)}
        assert outcome in ({204, "NOT_FOUND"}, {404, "OK"}), outcome


async def test_concurrent_patches_of_one_book_all_succeed(
    writer: httpx.AsyncClient,
) -> None:
    book_id = await Books(writer).new()
    responses = await asyncio.gather(
        *(
            writer.patch(f"/api/books/{book_id}", json={"page_count": n})
            for n in range(1, 11)
        )
    )
    assert [r.status_code for r in responses] == [200] * 10
    final = (await writer.get(f"/api/books/{book_id}")).json()
    assert final in [r.json() for r in responses]
