"""Filter cost: every listing filter is served by an index, in every order.

An unindexed filter (`author` was `lower(author) = :x` with no index on that
expression) makes a listing walk a whole sort index and a `totalCount` read
every row: fifteen aliases within the GraphQL budget saturated the database.
Here the planner sees a table with realistic statistics (a catalogue of a few
thousand books, analysed) and no planner setting is forced: a selective
filter must be an index condition of the plan of every page and every count,
never a Seq Scan or a row-by-row filter over the whole table.
"""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Select, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.books.services import BookFilter, BookListQuery, BookService, BookSort
from tests.helpers.sql import plan_nodes

_NAMED = postgresql.dialect(paramstyle="named")
CATALOGUE_ROWS = 6_000
# Selective values: absent authors, spellings of a present one, days before
# or after every book, and a narrow window.
AUTHOR_FILTERS = ["nobody i", "Anna 00000042", "ANNA 00000042", "ännä ünknown", "x"]
DATE_FILTERS = [
    BookFilter(published_after=date(2100, 1, 1)),
    BookFilter(published_before=date(1900, 1, 1)),
    BookFilter(published_after=date(1999, 1, 1), published_before=date(1999, 1, 9)),
    BookFilter(published_after=date(2100, 1, 1), author="nobody i"),
]


async def seed_catalogue(session: AsyncSession, rows: int = CATALOGUE_ROWS) -> None:
    """Insert `rows` books shaped like a real catalogue, then analyse the table.

    Distinct titles, about twenty books per author, dates over 74 years and
    one book in six undated. The trigram indexes' pending lists are merged,
    as autovacuum would, so the planner prices the indexes as they will be.
    Seeding is set-up, not a request: the app's statement timeout does not
    apply to it (on a loaded machine it took longer than a read may).
    """
    await session.execute(text("SET LOCAL statement_timeout = 0"))
    await session.execute(
        text(
            "INSERT INTO book (title, author, isbn, published_on, page_count, "
            "created_at, updated_at) "
            "SELECT 'The Story of ' || md5(g::text), "
            "'Anna ' || lpad((g % (:rows / 20))::text, 8, '0'), "
            "lpad(g::text, 13, '0'), "
            "CASE WHEN g % 6 = 0 THEN NULL "
            "ELSE date '1950-01-01' + (g * 13 % 27000) END, "
            "1 + g % 1500, now() - g * interval '7 seconds', now() "
            "FROM generate_series(1, :rows) AS g"
        ),
        {"rows": rows},
    )
    await session.execute(
        text(
            "SELECT gin_clean_pending_list('ix_book_title_trgm'), "
            "gin_clean_pending_list('ix_book_author_trgm')"
        )
    )
    await session.execute(text("ANALYZE book"))


async def plan_of(
    session: AsyncSession, statement: Select[Any]
) -> list[dict[str, Any]]:
    """The plan nodes the planner chooses for `statement`, with no setting forced."""
    compiled = statement.compile(dialect=_NAMED)
    result = await session.execute(
        text(f"EXPLAIN (FORMAT JSON) {compiled}"), compiled.params
    )
    (document,) = result.scalar_one()
    return plan_nodes(document["Plan"])


def statements(book_filter: BookFilter) -> dict[str, Select[Any]]:
    """The first page in every order, of one book (`first: 1`) and of twenty,
    and the count, of a filtered listing."""
    pages = {
        f"page of {limit} sorted by {sort.value}": BookService.list_statement(
            query=BookListQuery(filter=book_filter, sort=sort), limit=limit
        )
        for sort in BookSort
        for limit in (1, 20)
    }
    count = select(func.count()).select_from(BookModel).where(*book_filter.clauses())
    return {**pages, "count": count}


def index_conditions(nodes: list[dict[str, Any]]) -> str:
    """Every condition an index answers in the plan, lower-cased, joined."""
    return " ".join(str(node.get("Index Cond", "")).lower() for node in nodes)


def assert_served(nodes: list[dict[str, Any]], expression: str, label: str) -> None:
    """`expression` is looked up in an index and no node reads the whole table."""
    kinds = [node["Node Type"] for node in nodes]
    assert "Seq Scan" not in kinds, (label, kinds)
    assert expression in index_conditions(nodes), (label, kinds, nodes)


@pytest.mark.parametrize("author", AUTHOR_FILTERS)
async def test_author_filter_is_an_index_lookup_in_every_order_and_count(
    db_session: AsyncSession, author: str
) -> None:
    await seed_catalogue(db_session)
    for label, statement in statements(BookFilter(author=author)).items():
        nodes = await plan_of(db_session, statement)
        assert_served(nodes, "lower((author)::text)", label)


@pytest.mark.parametrize(
    "book_filter", DATE_FILTERS, ids=["after", "before", "window", "after+author"]
)
async def test_date_filters_are_index_ranges_in_every_order_and_count(
    db_session: AsyncSession, book_filter: BookFilter
) -> None:
    await seed_catalogue(db_session)
    for label, statement in statements(book_filter).items():
        nodes = await plan_of(db_session, statement)
        kinds = [node["Node Type"] for node in nodes]
        assert "Seq Scan" not in kinds, (label, kinds)
        conditions = index_conditions(nodes)
        assert "published_on" in conditions or "lower(" in conditions, (label, nodes)
