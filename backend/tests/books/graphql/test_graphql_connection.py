"""`books`: the Relay connection over the keyset core, checked row for row with REST."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.graphql.inputs import BookOrder
from backend.apps.books.services import BookSort
from tests.books.factories import seed_books
from tests.books.graphql.documents import as_rest, books_page, rest_book
from tests.helpers.graphql import Body, execute
from tests.helpers.listing import page_through
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup

SEEDED = 520
ORDERS = {order.name: order.value for order in BookOrder}
TOTAL = "query($filter: BookFilter) { books(first: 1, filter: $filter) { totalCount } }"


@pytest.fixture
async def many_books(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    """520 varied books (ties, missing dates)."""
    await seed_books(db_session, SEEDED)


def test_orders_mirror_the_rest_sorts() -> None:
    assert set(ORDERS.values()) == {sort.value for sort in BookSort}


@pytest.mark.usefixtures("many_books")
async def test_default_is_twenty_newest_first_like_rest(
    client: httpx.AsyncClient,
) -> None:
    page = await books_page(client)
    rest = (await client.get("/api/books")).json()
    assert [as_rest(edge["node"]) for edge in page["edges"]] == [
        rest_book(book) for book in rest["items"]
    ]
    assert len(page["edges"]) == 20


@pytest.mark.usefixtures("many_books")
@pytest.mark.parametrize("order", ["TITLE", "PUBLISHED_ON_DESC"])
async def test_end_cursor_is_the_rest_next_cursor(
    client: httpx.AsyncClient, order: str
) -> None:
    page = await books_page(client, orderBy=order, first=25)
    rest = await client.get("/api/books", params={"sort": ORDERS[order], "limit": 25})
    assert page["pageInfo"]["endCursor"] == rest.json()["page"]["next_cursor"]


@pytest.mark.usefixtures("many_books")
@pytest.mark.parametrize(
    ("graphql_filter", "rest_params"),
    [
        ({"q": "book 01"}, {"q": "book 01"}),
        ({"author": "AUTHOR 3"}, {"author": "AUTHOR 3"}),
        (
            {"publishedAfter": "1995-01-01", "publishedBefore": "2005-12-31"},
            {"published_after": "1995-01-01", "published_before": "2005-12-31"},
        ),
    ],
)
async def test_filters_match_rest(
    client: httpx.AsyncClient,
    graphql_filter: dict[str, str],
    rest_params: dict[str, str],
) -> None:
    rest = await page_through(
        client, "/api/books", rest_params | {"sort": "title", "limit": 100}
    )
    nodes: list[Body] = []
    after = None
    while after is not False:
        page = await books_page(
            client, filter=graphql_filter, orderBy="TITLE", first=50, after=after
        )
        nodes += [edge["node"] for edge in page["edges"]]
        after = page["pageInfo"]["hasNextPage"] and page["pageInfo"]["endCursor"]
    assert 0 < len(rest) < SEEDED
    assert [as_rest(node) for node in nodes] == [rest_book(book) for book in rest]
    total = await execute(client, TOTAL, {"filter": graphql_filter})
    assert total["data"]["books"]["totalCount"] == len(rest)


@pytest.mark.usefixtures("many_books")
async def test_total_count_counts_every_page(client: httpx.AsyncClient) -> None:
    body = await execute(client, TOTAL)
    assert body["data"]["books"]["totalCount"] == SEEDED


@pytest.mark.usefixtures("many_books")
async def test_total_count_costs_one_count_only_when_asked(
    client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    query = "{ books(first: 3) { totalCount edges { node { id } } } }"
    with sql_statements() as statements:
        await execute(client, query)
    document = after_the_bearer_lookup(statements)
    assert len(document) == 2, statements
    assert sum("count(" in s.lower() for s in document) == 1


async def test_sibling_connections_share_the_session_safely(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 5)
    query = """{
      a: books(first: 2) { totalCount edges { node { id } } }
      b: books(last: 2, orderBy: TITLE) { totalCount edges { node { id } } }
      c: nodes(ids: []) { id }
    }"""
    body = await execute(client, query)
    assert "errors" not in body
    assert body["data"]["a"]["totalCount"] == body["data"]["b"]["totalCount"] == 5
