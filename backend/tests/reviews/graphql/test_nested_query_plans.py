"""The nested statement walks each book's `(book_id, <order>, id)` index:
no Sort per book, no scan of the whole table, whatever the page size.

As in the books' plan tests, the EXPLAIN runs with sequential scans, bitmap
scans and sorts disabled: a page an index can deliver then reads that index,
and one it cannot still shows a Seq Scan or a Sort, and fails.
"""

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.services import ReviewListQuery, ReviewService, ReviewSort
from backend.paging.keyset import Position
from tests.books.factories import BASE_TIME, seed_books
from tests.helpers.sql import index_plan
from tests.reviews.factories import seed_reviews_per_book, seed_users

INDEXES = {
    "book_id": {
        "created_at": "ix_review_book_id_created_at_id",
        "rating": "ix_review_book_id_rating_id",
    },
    "user_id": {"created_at": "ix_review_user_id_created_at_id"},
}
AFTER: dict[str, datetime | int] = {"created_at": BASE_TIME, "rating": 3}


async def explain(
    session: AsyncSession,
    parent: str,
    parent_ids: list[int],
    sort: ReviewSort,
    *,
    after: bool,
    backward: bool = False,
) -> list[dict[str, Any]]:
    column = sort.value.removeprefix("-")
    position = Position(AFTER[column], 10) if after else None
    statement = ReviewService.pages_statement(
        parent,
        parent_ids,
        ReviewListQuery(sort=sort),
        limit=3,
        after=position,
        backward=backward,
    )
    return await index_plan(session, statement)


@pytest.fixture
async def reviewed(db_session: AsyncSession) -> list[int]:
    books = await seed_books(db_session, 60)
    authors = await seed_users(db_session, 6)
    await seed_reviews_per_book(db_session, books, authors, per_book=6)
    await db_session.execute(text("ANALYZE review"))
    return books


@pytest.mark.parametrize("sort", list(ReviewSort))
@pytest.mark.parametrize("after", [False, True], ids=["first-page", "after-cursor"])
@pytest.mark.parametrize("backward", [False, True], ids=["forward", "backward"])
async def test_each_book_s_page_is_an_index_walk_without_a_sort(
    db_session: AsyncSession,
    reviewed: list[int],
    sort: ReviewSort,
    after: bool,
    backward: bool,
) -> None:
    nodes = await explain(
        db_session, "book_id", reviewed[:40], sort, after=after, backward=backward
    )
    kinds = [node["Node Type"] for node in nodes]
    assert "Seq Scan" not in kinds, kinds
    assert "Sort" not in kinds, kinds
    assert kinds[:2] == ["Nested Loop", "Function Scan"], kinds
    (scan,) = [node for node in nodes if node.get("Relation Name") == "review"]
    assert scan["Node Type"] in {"Index Scan", "Index Only Scan"}, scan
    column = sort.value.removeprefix("-")
    assert scan["Index Name"] == INDEXES["book_id"][column], scan
    assert any(node["Node Type"] == "Limit" for node in nodes), kinds


@pytest.mark.parametrize("sort", [ReviewSort.CREATED_AT_DESC, ReviewSort.CREATED_AT])
async def test_a_user_s_page_walks_the_user_index(
    db_session: AsyncSession, reviewed: list[int], sort: ReviewSort
) -> None:
    nodes = await explain(db_session, "user_id", [1, 2, 3], sort, after=True)
    kinds = [node["Node Type"] for node in nodes]
    assert "Sort" not in kinds, kinds
    assert "Seq Scan" not in kinds, kinds
    (scan,) = [node for node in nodes if node.get("Relation Name") == "review"]
    assert scan["Index Name"] == INDEXES["user_id"]["created_at"], scan
