"""Performance guards: one statement per REST request, and index-only ordering.

On a small test table the planner prefers a sequential or bitmap scan and a
sort, so the EXPLAIN runs with those disabled: a query whose order an index
can deliver then reads that index, and one with no such index still shows a
Seq Scan or a Sort, and fails.
"""

from typing import Any

import httpx
import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import RelationshipProperty

from backend.apps.books.models import BookModel
from backend.apps.books.services import BookFilter, BookListQuery, BookService, BookSort
from backend.models import BookModel as RegisteredBook
from backend.paging.keyset import Position
from tests.books.factories import BASE_TIME, seed_books
from tests.helpers.sql import StatementRecorder, index_plan

FILTERS = [BookFilter(), BookFilter(q="book 01"), BookFilter(author="Author 3")]
_NAMED = postgresql.dialect(paramstyle="named")


async def explain(
    session: AsyncSession, query: BookListQuery, *, after: bool
) -> list[dict[str, Any]]:
    position = None
    if after:
        value = {"created_at": BASE_TIME, "title": "Book 050", "published_on": None}
        position = Position(value[query.sort.value.removeprefix("-")], 250)
    statement = BookService.list_statement(query=query, limit=20, after=position)
    return await index_plan(session, statement)


@pytest.mark.parametrize("sort", list(BookSort))
@pytest.mark.parametrize("book_filter", FILTERS, ids=["none", "q", "author"])
@pytest.mark.parametrize("after", [False, True], ids=["first-page", "after-cursor"])
async def test_every_order_is_an_index_scan_without_a_sort(
    db_session: AsyncSession, sort: BookSort, book_filter: BookFilter, after: bool
) -> None:
    await seed_books(db_session, 300)
    nodes = await explain(
        db_session, BookListQuery(filter=book_filter, sort=sort), after=after
    )
    kinds = [node["Node Type"] for node in nodes]
    assert "Seq Scan" not in kinds, kinds
    assert "Sort" not in kinds, kinds
    assert any(kind in {"Index Scan", "Index Only Scan"} for kind in kinds), kinds
    assert all(node.get("Relation Name", "book") == "book" for node in nodes)


async def test_a_bearer_token_adds_one_statement_to_load_its_user(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    sql_statements: StatementRecorder,
) -> None:
    [book_id] = await seed_books(db_session, 1)
    with sql_statements() as statements:
        response = await client.get(f"/api/books/{book_id}")
    assert response.status_code == 200
    assert len(statements) == 2, statements
    assert "user_account" in statements[0]


def test_relationships_raise_on_lazy_load() -> None:
    """Every relationship (none yet) must be eager or raise instead of lazy loading."""
    assert RegisteredBook is BookModel
    for mapper in BookModel.registry.mappers:
        for relationship in mapper.relationships:
            assert isinstance(relationship, RelationshipProperty)
            assert relationship.lazy in {
                "raise",
                "raise_on_sql",
                "selectin",
                "joined",
            }, f"{mapper.class_.__name__}.{relationship.key} lazy-loads"
