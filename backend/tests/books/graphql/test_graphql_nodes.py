"""Relay nodes: `node`, `nodes` and `bookById`, including ids of the wrong kind."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.books.graphql.documents import BOOK_FIELDS, as_rest, rest_book
from tests.helpers.graphql import execute, global_id, only_error
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup

NODE = f"query($id: ID!) {{ node(id: $id) {{ id ... on Book {{ {BOOK_FIELDS} }} }} }}"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Book { title } } }"
BOOK_BY_ID = f"query($id: ID!) {{ bookById(id: $id) {{ {BOOK_FIELDS} }} }}"


@pytest.fixture
async def book_ids(db_session: AsyncSession) -> list[int]:
    """Three stored books."""
    return await seed_books(db_session, 3)


async def test_node_is_the_book_rest_shows(
    client: httpx.AsyncClient, book_ids: list[int]
) -> None:
    body = await execute(client, NODE, {"id": global_id("Book", book_ids[1])})
    rest = (await client.get(f"/api/books/{book_ids[1]}")).json()
    assert as_rest(body["data"]["node"]) == rest_book(rest)


async def test_book_by_id_is_the_book_rest_shows(
    client: httpx.AsyncClient, book_ids: list[int]
) -> None:
    body = await execute(client, BOOK_BY_ID, {"id": global_id("Book", book_ids[0])})
    rest = (await client.get(f"/api/books/{book_ids[0]}")).json()
    assert as_rest(body["data"]["bookById"]) == rest_book(rest)


async def test_nodes_keep_the_order_asked_with_null_for_absent_ones(
    client: httpx.AsyncClient, book_ids: list[int]
) -> None:
    first, second, _ = book_ids
    ids = [global_id("Book", i) for i in (second, 987654, first, second)]
    body = await execute(client, NODES, {"ids": ids})
    nodes = body["data"]["nodes"]
    assert [node and node["id"] for node in nodes] == [ids[0], None, ids[2], ids[3]]
    assert "errors" not in body


async def test_nodes_and_node_and_book_by_id_are_one_query_each(
    client: httpx.AsyncClient, book_ids: list[int], sql_statements: StatementRecorder
) -> None:
    ids = [global_id("Book", i) for i in book_ids]
    for query, variables in [
        (NODES, {"ids": ids}),
        (NODE, {"id": ids[0]}),
        (BOOK_BY_ID, {"id": ids[0]}),
    ]:
        with sql_statements() as statements:
            body = await execute(client, query, variables)
        assert "errors" not in body
        assert len(after_the_bearer_lookup(statements)) == 1, statements


async def test_at_most_100_nodes_at_once(client: httpx.AsyncClient) -> None:
    ids = [global_id("Book", i) for i in range(1, 102)]
    error = only_error(await execute(client, NODES, {"ids": ids}))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "ids"}


WRONG_IDS = {
    "not base64": "not-an-id!",
    "no type": global_id("", 1),
    "unknown type": global_id("Other", 1),
    "type that is not a node": global_id("BookConnection", 1),
    "book with a text id": global_id("Book", "abc"),
    "book with a negative id": global_id("Book", -1),
    "book with a huge id": global_id("Book", 10**30),
}


@pytest.mark.parametrize("wrong_id", WRONG_IDS.values(), ids=WRONG_IDS.keys())
@pytest.mark.parametrize("query", [NODE, BOOK_BY_ID], ids=["node", "bookById"])
async def test_wrong_id_is_bad_user_input(
    client: httpx.AsyncClient, query: str, wrong_id: str
) -> None:
    body = await execute(client, query, {"id": wrong_id})
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}
    assert list(body["data"].values()) == [None]


async def test_book_by_id_refuses_another_types_id_that_exists(
    client: httpx.AsyncClient, book_ids: list[int]
) -> None:
    body = await execute(client, BOOK_BY_ID, {"id": global_id("User", book_ids[0])})
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "id"}
    assert "not the id of a Book" in error["message"]


async def test_malformed_id_in_nodes_names_the_ids_argument(
    client: httpx.AsyncClient, book_ids: list[int]
) -> None:
    ids = [global_id("Book", book_ids[0]), "not-an-id!"]
    error = only_error(await execute(client, NODES, {"ids": ids}))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "ids"}
