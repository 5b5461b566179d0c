"""`books` arguments: page size bounds, mixed directions, and cursors it refuses."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.books.graphql.documents import BOOKS, books_page
from tests.helpers.graphql import execute, only_error


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"first": -1}, "first"),
        ({"last": 0}, "last"),
        ({"last": 101}, "last"),
        ({"first": 5, "last": 5}, "last"),
        ({"first": 5, "before": "x"}, "before"),
        ({"last": 5, "after": "x"}, "last"),
        ({"after": "not-a-cursor"}, "after"),
        ({"before": "not.a.cursor"}, "before"),
    ],
)
async def test_bad_paging_argument_is_bad_user_input(
    client: httpx.AsyncClient, variables: dict[str, object], field: str
) -> None:
    body = await execute(client, BOOKS, variables)
    error = only_error(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert body["data"] is None


async def test_page_size_100_is_allowed(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 120)
    page = await books_page(client, first=100)
    assert len(page["edges"]) == 100


async def test_forged_cursor_is_rejected(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 5)
    cursor = (await books_page(client, first=2))["pageInfo"]["endCursor"]
    payload, signature = cursor.split(".")
    forged = f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}"
    body = await execute(client, BOOKS, {"after": f"{forged}.{signature}"})
    assert only_error(body)["extensions"]["field"] == "after"


async def test_empty_listing_has_no_cursors(client: httpx.AsyncClient) -> None:
    page = await books_page(client)
    assert page == {
        "edges": [],
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
    }
