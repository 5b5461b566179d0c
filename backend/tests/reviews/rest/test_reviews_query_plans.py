"""Performance guard: a book's reviews are read in the order of an index on
(book_id, key, id), with no Sort node.

As in `tests/books/rest/test_books_query_plans.py`, the EXPLAIN runs with
sequential scans, bitmap scans and sorts disabled: a query whose order an
index delivers then reads it, one without such an index still sorts.
"""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.services import (
    ReviewFilter,
    ReviewListQuery,
    ReviewService,
    ReviewSort,
)
from backend.paging.keyset import Position
from tests.books.factories import BASE_TIME, seed_books
from tests.helpers.sql import index_plan
from tests.reviews.factories import seed_reviews

_NAMED = postgresql.dialect(paramstyle="named")
INDEXES = {
    "created_at": "ix_review_book_id_created_at_id",
    "rating": "ix_review_book_id_rating_id",
}


async def explain(
    session: AsyncSession, query: ReviewListQuery, *, after: bool
) -> list[dict[str, Any]]:
    position = None
    if after:
        value = {"created_at": BASE_TIME + timedelta(minutes=10), "rating": 3}
        position = Position(value[query.sort.value.removeprefix("-")], 250)
    statement = ReviewService.list_statement(query=query, limit=20, after=position)
    return await index_plan(session, statement)


@pytest.mark.parametrize("sort", list(ReviewSort))
@pytest.mark.parametrize("after", [False, True], ids=["first-page", "after-cursor"])
async def test_a_book_s_reviews_read_their_index_in_order_without_a_sort(
    db_session: AsyncSession, sort: ReviewSort, after: bool
) -> None:
    books = await seed_books(db_session, 4)
    await seed_reviews(db_session, 300, book_ids=books)
    query = ReviewListQuery(filter=ReviewFilter(book_id=books[2]), sort=sort)
    nodes = await explain(db_session, query, after=after)
    kinds = [node["Node Type"] for node in nodes]
    assert "Seq Scan" not in kinds, kinds
    assert "Sort" not in kinds, kinds
    scans = [n for n in nodes if n["Node Type"] in {"Index Scan", "Index Only Scan"}]
    assert [n["Index Name"] for n in scans] == [
        INDEXES[sort.value.removeprefix("-")]
    ], scans
    assert all(node.get("Relation Name", "review") == "review" for node in nodes)
