"""The review form's book and author pickers: a page of matches at a time,
found by the book admin's indexed search (title or author text, an ISBN) or
the user's email, in one statement, never a dropdown of every row."""

from collections.abc import Generator
from contextlib import contextmanager
from typing import Any

import httpx
from litestar import Litestar
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from backend.database import AlchemyConfig
from tests.books.factories import isbn13, seed_books
from tests.helpers.sql import plan_nodes
from tests.security.test_filter_cost import seed_catalogue
from tests.users.factories import add_user

BOOKS = "/admin/_api/book/relation-lookup"
USERS = "/admin/_api/user/relation-lookup"
CATALOGUE_ROWS = 3_000
# Below about 6 000 rows the planner reads the little table whole rather than
# look a search up (test_search_cost.py); from 10 000 on it uses the indexes.
PLANNED_ROWS = 10_000
PAGE = 20
# seed_catalogue gives each author twenty books: `Anna 0000004` is ten
# authors' 200 books.
BOOKS_PER_AUTHOR = 20
ONE_AUTHOR = "Anna 00000042"
AUTHORS_40_TO_49 = "Anna 0000004"


@contextmanager
def recording(app: Litestar, db_config: AlchemyConfig) -> Generator[list[Any]]:
    """The (statement, parameters) pairs the app runs on `book` inside the block."""
    engine: AsyncEngine = app.state[db_config.engine_app_state_key]
    executed: list[Any] = []

    def record(*args: Any) -> None:
        statement, parameters = args[2], args[3]
        if "FROM book" in statement:
            executed.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield executed
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def explain(session: AsyncSession, statement: str, parameters: Any) -> list[Any]:
    connection = await session.connection()
    result = await connection.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) {statement}", parameters
    )
    (document,) = result.scalar_one()
    return plan_nodes(document["Plan"])


async def test_a_book_search_is_one_index_served_statement(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    app: Litestar,
    db_config: AlchemyConfig,
) -> None:
    """On an analysed catalogue, nothing disabled: a selective search is looked
    up in the trigram indexes, in the one statement the lookup runs."""
    await seed_catalogue(db_session, PLANNED_ROWS)
    with recording(app, db_config) as executed:
        response = await admin_client.get(
            BOOKS, params={"q": ONE_AUTHOR, "skip": 0, "limit": PAGE}
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["items"]) == BOOKS_PER_AUTHOR
    assert body["total"] == BOOKS_PER_AUTHOR  # no next page
    assert all(item["author"] == ONE_AUTHOR for item in body["items"])
    # One statement: the page and one row more; no count of every match.
    [(statement, parameters)] = executed
    assert "count(" not in statement.lower()
    nodes = await explain(db_session, statement, parameters)
    kinds = [node["Node Type"] for node in nodes]
    used = {node.get("Index Name") for node in nodes}
    assert "Seq Scan" not in kinds, kinds
    assert used & {"ix_book_author_trgm", "ix_book_title_trgm"}, (kinds, used)


async def test_the_book_picker_pages_the_matches(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_catalogue(db_session, CATALOGUE_ROWS)
    first = (
        await admin_client.get(
            BOOKS, params={"q": AUTHORS_40_TO_49, "skip": 0, "limit": PAGE}
        )
    ).json()
    assert len(first["items"]) == PAGE
    assert first["total"] == PAGE + 1  # the picker offers a next page
    assert all(AUTHORS_40_TO_49 in item["author"] for item in first["items"])
    assert " by Anna 0000004" in first["items"][0]["_meta"]["select2"]["result"]
    ids = [item["id"] for item in first["items"]]
    second = (
        await admin_client.get(
            BOOKS, params={"q": AUTHORS_40_TO_49, "skip": PAGE, "limit": PAGE}
        )
    ).json()
    assert len(second["items"]) == PAGE
    assert min(item["id"] for item in second["items"]) > max(ids)
    last = (
        await admin_client.get(
            BOOKS, params={"q": AUTHORS_40_TO_49, "skip": 190, "limit": PAGE}
        )
    ).json()
    assert len(last["items"]) == 10
    assert last["total"] == 200  # no next page


async def test_the_book_picker_finds_a_book_by_its_isbn(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_catalogue(db_session, CATALOGUE_ROWS)
    [book_id] = await seed_books(db_session, 1, start=12)
    for spelling in (isbn13(12), f"{isbn13(12)[:3]}-{isbn13(12)[3:]}"):
        body = (await admin_client.get(BOOKS, params={"q": spelling})).json()
        assert [item["id"] for item in body["items"]] == [book_id], spelling
        assert body["total"] == 1


async def test_the_book_picker_refuses_an_unindexed_search_and_any_limit(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_catalogue(db_session, CATALOGUE_ROWS)
    short = (await admin_client.get(BOOKS, params={"q": "an"})).json()
    assert short == {"items": [], "total": 0}
    # No query: the first page by id, never every row (limit=0 was "no limit").
    for params in ({}, {"limit": "0"}, {"limit": "100000"}):
        body = (await admin_client.get(BOOKS, params=params)).json()
        assert len(body["items"]) <= 100, params
        assert body["total"] <= 101, params


async def test_the_author_picker_finds_a_user_by_email(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    reader = await add_user(
        db_session, password_hash=password_hash, email="reader@example.com"
    )
    body = (await admin_client.get(USERS, params={"q": " Reader@Example.com "})).json()
    assert [item["id"] for item in body["items"]] == [reader.id]
    assert "reader@example.com" in body["items"][0]["_meta"]["select2"]["result"]
    partial = (await admin_client.get(USERS, params={"q": "reader"})).json()
    assert partial["items"] == []


async def test_the_form_shows_the_pickers_and_not_a_list_of_rows(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_catalogue(db_session, 300)
    form = await admin_client.get("/admin/review/create")
    assert form.status_code == 200
    for key, name in (("book", "book_id"), ("user", "user_id")):
        assert f'name="{name}"' in form.text
        assert f"/admin/_api/{key}/relation-lookup" in form.text
    assert "The Story of" not in form.text
    assert form.text.count("<option") == 0
    # select2 turns the boxes into searched, paged pickers.
    assert "js/vendor/select2.min.js" in form.text
    assert "css/vendor/select2.min.css" in form.text
