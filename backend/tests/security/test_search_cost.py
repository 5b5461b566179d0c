"""Search cost: `q` is served by the trigram indexes, never by reading every row.

`q` matches a substring of the title or the author. The `pg_trgm` GIN indexes
find such rows by the text's three-letter runs, so a search without one (too
short, punctuation, wildcards only) is refused up front, on REST and GraphQL.
On a small table the planner prefers a sequential scan, so the EXPLAIN runs
with it disabled (as in tests/books/rest/test_books_query_plans.py).
"""

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.books.services import BookFilter
from tests.books.factories import seed_books
from tests.helpers.graphql import execute, only_error
from tests.helpers.sql import plan_nodes

_NAMED = postgresql.dialect(paramstyle="named")
COUNT = "query($q: String) { books(first: 5, filter: {q: $q}) { totalCount } }"
# No run of three letters or digits: no trigram for the index to look up.
UNSERVED = ["ab", "a b", "---", "%%%", "___", "a_b", "%a%", "  x  ", "..12", "é"]
SERVED = ["Book 01", "uth", "hor 1", "BOOK", "Ωμέγα", "100%", "o_k Boo"]


async def _count_plan(session: AsyncSession, q: str) -> list[dict[str, Any]]:
    statement = (
        select(func.count()).select_from(BookModel).where(*BookFilter(q=q).clauses())
    )
    compiled = statement.compile(dialect=_NAMED)
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    result = await session.execute(
        text(f"EXPLAIN (FORMAT JSON) {compiled}"), compiled.params
    )
    (document,) = result.scalar_one()
    return plan_nodes(document["Plan"])


@pytest.mark.parametrize("q", ["book 01", "AUTHOR 3", "thor", "100%_x"])
async def test_q_is_served_by_the_title_and_author_trigram_indexes(
    db_session: AsyncSession, q: str
) -> None:
    await seed_books(db_session, 300)
    nodes = await _count_plan(db_session, q)
    used = {node.get("Index Name") for node in nodes}
    kinds = [node["Node Type"] for node in nodes]
    assert {"ix_book_title_trgm", "ix_book_author_trgm"} <= used, kinds
    assert "Seq Scan" not in kinds, kinds


@pytest.mark.parametrize("q", UNSERVED)
async def test_rest_search_without_a_three_letter_run_is_refused(
    anonymous_client: httpx.AsyncClient, q: str
) -> None:
    response = await anonymous_client.get("/api/books", params={"q": q})
    assert response.status_code == 400, response.text
    assert response.json()["extra"][0]["key"] == "q"


@pytest.mark.parametrize("q", UNSERVED)
async def test_graphql_search_without_a_three_letter_run_is_bad_user_input(
    anonymous_client: httpx.AsyncClient, q: str
) -> None:
    error = only_error(await execute(anonymous_client, COUNT, {"q": q}))
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "q"}


@pytest.mark.parametrize("q", SERVED)
async def test_search_with_a_three_letter_run_is_answered_on_both_transports(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, q: str
) -> None:
    await seed_books(db_session, 30)
    rest = await anonymous_client.get("/api/books", params={"q": q, "limit": 100})
    assert rest.status_code == 200, rest.text
    body = await execute(anonymous_client, COUNT, {"q": q})
    assert "errors" not in body, body
    assert body["data"]["books"]["totalCount"] == len(rest.json()["items"])


async def test_openapi_states_the_search_rule(
    anonymous_client: httpx.AsyncClient,
) -> None:
    document = (await anonymous_client.get("/schema/openapi.json")).json()
    parameters = document["paths"]["/api/books"]["get"]["parameters"]
    (q,) = [p for p in parameters if p["name"] == "q"]
    assert "{3}" in q["schema"]["pattern"]
    assert "3 letters or digits" in q["description"]
