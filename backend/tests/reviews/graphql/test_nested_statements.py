"""Nested lists are N+1-free: the statements a page costs do not grow with it.

`books { reviews { author } }` is one statement for the books, one for every
book's page of reviews (a LATERAL join over the books' ids) and one for the
reviews' authors, whether the page holds 1, 20 or 100 books.
"""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.helpers.graphql import execute
from tests.helpers.sql import StatementRecorder
from tests.reviews.factories import seed_reviews_per_book, seed_users

NESTED = """query($n: Int) { books(first: $n) { edges { node {
  reviews(first: 3) { edges { node { rating author { id } } } }
} } } }"""
REVIEWS_PAGE = """query($n: Int) { reviews(first: $n) { edges { node {
  rating book { id } author { id }
} } } }"""
SIZES = [1, 20, 100]


@pytest.fixture
async def reviewed_books(db_session: AsyncSession) -> list[int]:
    """120 books with 4 reviews each, by 8 authors."""
    books = await seed_books(db_session, 120)
    authors = await seed_users(db_session, 8)
    await seed_reviews_per_book(db_session, books, authors, per_book=4)
    return books


async def statements_for(
    client: httpx.AsyncClient,
    sql_statements: StatementRecorder,
    query: str,
    size: int,
) -> list[str]:
    with sql_statements() as statements:
        body = await execute(client, query, {"n": size})
    assert "errors" not in body, body
    return list(statements)


@pytest.mark.usefixtures("reviewed_books")
async def test_books_with_reviews_and_authors_cost_the_same_for_any_page(
    anonymous_client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    counts = {}
    for size in SIZES:
        statements = await statements_for(
            anonymous_client, sql_statements, NESTED, size
        )
        counts[size] = len(statements)
    assert counts == {1: 3, 20: 3, 100: 3}, counts


@pytest.mark.usefixtures("reviewed_books")
async def test_a_page_of_reviews_loads_books_and_authors_in_one_statement_each(
    anonymous_client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    counts = {}
    for size in SIZES:
        statements = await statements_for(
            anonymous_client, sql_statements, REVIEWS_PAGE, size
        )
        counts[size] = len(statements)
        assert sum("FROM book" in s for s in statements) == 1, statements
        assert sum("FROM user_account" in s for s in statements) == 1, statements
    assert counts == {1: 3, 20: 3, 100: 3}, counts


@pytest.mark.usefixtures("reviewed_books")
async def test_each_argument_group_is_one_statement(
    anonymous_client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    query = """{ books(first: 50) { edges { node {
      newest: reviews(first: 2) { edges { node { rating } } }
      best: reviews(first: 2, orderBy: RATING_DESC) { edges { node { rating } } }
      again: reviews(first: 2) { edges { node { rating } } }
    } } } }"""
    with sql_statements() as statements:
        body = await execute(anonymous_client, query)
    assert "errors" not in body, body
    assert len(statements) == 3, statements
