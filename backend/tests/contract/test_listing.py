"""Lists on both transports: full cursor walks under every sort, filters,
cursors bound to their query, and one statement per page."""

import httpx
import pytest
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.requests import (
    connection_document,
    connection_page,
    page_ids,
    walk_backward,
    walk_forward,
)
from tests.contract.spec import EntitySpec
from tests.helpers.graphql import execute, only_error
from tests.helpers.listing import Item, expected_order, page_through
from tests.helpers.sql import StatementRecorder, recording_rows_read

# Pages of the statement tests: larger than any minimum a filter may fetch.
PAGE = 25


@pytest.fixture
async def rows(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> list[Item]:
    """`spec.seed_count` varied rows, as the REST listing shows them."""
    await spec.seed(db_session, spec.seed_count, 0)
    return await page_through(anonymous_client, spec.rest_path, {"limit": 100})


async def test_rest_walk_visits_every_row_once_in_order_at_two_page_sizes(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec, sort: str
) -> None:
    expected = expected_order(rows, sort)
    assert len(expected) == spec.seed_count
    for size in spec.page_sizes:
        seen = await page_through(
            anonymous_client, spec.rest_path, {"sort": sort, "limit": size}
        )
        assert [row["id"] for row in seen] == expected, size


async def test_graphql_walks_forward_and_backward_match_rest(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec, sort: str
) -> None:
    expected = expected_order(rows, sort)
    small, large = spec.page_sizes
    order = spec.order(sort)
    assert await walk_forward(anonymous_client, spec, small, orderBy=order) == expected
    assert await walk_backward(anonymous_client, spec, large, orderBy=order) == expected
    assert await walk_backward(anonymous_client, spec, small, orderBy=order) == expected


async def test_rows_inserted_during_a_walk_cause_no_duplicate_or_skip(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    rows: list[Item],
    spec: EntitySpec,
    sort: str,
) -> None:
    async def insert_more(page_number: int) -> None:
        await spec.seed(db_session, 5, 10_000 + 5 * page_number)

    seen = await page_through(
        anonymous_client,
        spec.rest_path,
        {"sort": sort, "limit": spec.page_sizes[0] * 3},
        between_pages=insert_more,
    )
    ids = [row["id"] for row in seen]
    assert len(ids) == len(set(ids))
    original = expected_order(rows, sort)
    assert [row_id for row_id in ids if row_id in set(original)] == original


async def test_each_filter_matches_the_same_rows_on_both_transports(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec
) -> None:
    if not spec.filters:
        pytest.skip(f"{spec.name} listings have no filters")
    for example in spec.filters:
        params = dict(example.matching)
        seen = await page_through(anonymous_client, spec.rest_path, params)
        assert 0 < len(seen) < len(rows), params
        nodes = await walk_forward(
            anonymous_client, spec, 100, filter=spec.graphql_values(example.matching)
        )
        assert nodes == [row["id"] for row in seen], params


async def test_each_filter_can_match_nothing_on_both_transports(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec
) -> None:
    if not spec.filters:
        pytest.skip(f"{spec.name} listings have no filters")
    assert rows
    for example in spec.filters:
        params = dict(example.non_matching)
        response = await anonymous_client.get(spec.rest_path, params=params)
        assert response.status_code == 200, response.text
        assert response.json()["items"] == [], params
        page = await connection_page(
            anonymous_client, spec, filter=spec.graphql_values(example.non_matching)
        )
        assert page["edges"] == [], params


def other_queries(spec: EntitySpec) -> list[dict[str, str]]:
    """REST parameters that differ from the first sort without filters."""
    others = [{"sort": sort} for sort in spec.sorts[1:]]
    return others + [
        {"sort": spec.sorts[0], **example.matching} for example in spec.filters
    ]


async def test_a_rest_cursor_reused_with_other_filters_or_sort_is_400(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec
) -> None:
    params = {"sort": spec.sorts[0], "limit": 5}
    first = (await anonymous_client.get(spec.rest_path, params=params)).json()
    cursor = first["page"]["next_cursor"]
    again = await anonymous_client.get(
        spec.rest_path, params=params | {"cursor": cursor}
    )
    assert again.status_code == 200
    for other in other_queries(spec):
        response = await anonymous_client.get(
            spec.rest_path, params={"limit": 5, "cursor": cursor, **other}
        )
        assert response.status_code == 400, (other, response.text)
        assert response.json()["extra"][0]["key"] == "cursor", other
        assert "cursor" in response.json()["detail"].lower(), other
    assert len(rows) > 5


async def test_a_graphql_cursor_reused_with_other_filters_or_order_is_refused(
    anonymous_client: httpx.AsyncClient, rows: list[Item], spec: EntitySpec
) -> None:
    first_order = spec.order(spec.sorts[0])
    page = await connection_page(anonymous_client, spec, first=5, orderBy=first_order)
    cursor = page["pageInfo"]["endCursor"]
    others: list[dict[str, object]] = [
        {"orderBy": spec.order(sort)} for sort in spec.sorts[1:]
    ] + [
        {"orderBy": first_order, "filter": spec.graphql_values(example.matching)}
        for example in spec.filters
    ]
    for other in others:
        variables = {"first": 5, "after": cursor} | other
        body = await execute(anonymous_client, connection_document(spec), variables)
        error = only_error(body)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
        assert "cursor" in error["message"], other
    assert len(rows) > 5


async def test_a_rest_list_page_and_a_get_are_one_statement_each(
    anonymous_client: httpx.AsyncClient,
    rows: list[Item],
    spec: EntitySpec,
    sql_statements: StatementRecorder,
    app_engine: Engine,
) -> None:
    first = await anonymous_client.get(spec.rest_path, params={"limit": PAGE})
    cursor = first.json()["page"]["next_cursor"]
    with sql_statements() as statements, recording_rows_read(app_engine) as read:
        response = await anonymous_client.get(
            spec.rest_path, params={"limit": PAGE, "cursor": cursor}
        )
    assert len(response.json()["items"]) == PAGE
    assert len(statements) == 1, statements
    assert "OFFSET" not in statements[0].upper()
    assert "count(" not in statements[0].lower()
    assert 0 <= read[0] <= PAGE + 1, f"a page of {PAGE} read {read[0]} rows"
    with sql_statements() as statements:
        response = await anonymous_client.get(f"{spec.rest_path}/{rows[0]['id']}")
    assert response.status_code == 200
    assert len(statements) == 1, statements


async def test_a_graphql_page_is_one_statement_reading_one_page(
    anonymous_client: httpx.AsyncClient,
    rows: list[Item],
    spec: EntitySpec,
    sql_statements: StatementRecorder,
    app_engine: Engine,
) -> None:
    first = await connection_page(anonymous_client, spec, first=PAGE)
    for variables in (
        {"first": PAGE, "after": first["pageInfo"]["endCursor"]},
        {"last": PAGE},
    ):
        with sql_statements() as statements, recording_rows_read(app_engine) as read:
            page = await connection_page(anonymous_client, spec, **variables)
        assert len(page_ids(spec, page)) == PAGE
        assert len(statements) == 1, statements
        assert "OFFSET" not in statements[0].upper(), statements
        assert 0 <= read[0] <= PAGE + 1, f"a page of {PAGE} read {read[0]} rows"
    assert len(rows) > 2 * PAGE + 1
