"""GraphQL nodes and mutations: lookups, results, and the error codes."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.requests import (
    by_id_document,
    create_document,
    delete_document,
    node_document,
    read,
    stored_ids,
    update_document,
)
from tests.contract.spec import EntitySpec
from tests.helpers.graphql import database_id, execute, global_id, only_error
from tests.helpers.sql import StatementRecorder

UNKNOWN_ID = 987_654_321


async def test_node_and_by_id_resolve_a_row_in_one_statement_each(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    spec: EntitySpec,
    sql_statements: StatementRecorder,
) -> None:
    _, row_id = await spec.seed(db_session, 2, 0)
    node_id = global_id(spec.graphql_type, row_id)
    for document in (node_document(spec), by_id_document(spec)):
        with sql_statements() as statements:
            body = await execute(anonymous_client, document, {"id": node_id})
        assert body == {"data": {"found": {"id": node_id}}}, document
        assert len(statements) == 1, statements


async def test_node_and_by_id_of_an_absent_row_are_null(
    anonymous_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    node_id = global_id(spec.graphql_type, UNKNOWN_ID)
    for document in (node_document(spec), by_id_document(spec)):
        body = await execute(anonymous_client, document, {"id": node_id})
        assert body == {"data": {"found": None}}, document


async def test_create_update_delete_through_graphql(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await execute(
        client,
        create_document(spec),
        {"input": spec.graphql_values(spec.valid_input(1))},
    )
    assert "errors" not in created, created
    node_id = created["data"]["done"]["id"]
    row_id = database_id(node_id, spec.graphql_type)
    assert await stored_ids(client, spec) == [row_id]
    updated = await execute(
        client,
        update_document(spec),
        {"id": node_id, "input": spec.graphql_values(spec.update)},
    )
    assert updated == {"data": {"done": {"id": node_id}}}
    stored = await read(client, spec, row_id)
    assert {name: stored[name] for name in spec.update} == dict(spec.update)
    deleted = await execute(client, delete_document(spec), {"id": node_id})
    assert deleted == {"data": {"done": node_id}}
    assert await stored_ids(client, spec) == []


async def test_invalid_input_is_bad_user_input_naming_the_field(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    for invalid in spec.invalid_inputs:
        values = spec.valid_input(1) | dict(invalid.changes)
        variables = {"input": spec.graphql_values(values)}
        error = only_error(await execute(client, create_document(spec), variables))
        field = spec.graphql_name(invalid.field)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await stored_ids(client, spec) == []


async def test_invalid_change_is_bad_user_input_and_keeps_the_row(
    client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(client, spec, row_id)
    node_id = global_id(spec.graphql_type, row_id)
    for invalid in spec.invalid_inputs:
        variables = {"id": node_id, "input": spec.graphql_values(invalid.changes)}
        error = only_error(await execute(client, update_document(spec), variables))
        assert error["extensions"]["code"] == "BAD_USER_INPUT", invalid
    assert await read(client, spec, row_id) == before


async def test_duplicate_in_every_spelling_is_a_conflict(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    first = await execute(
        client,
        create_document(spec),
        {
            "input": spec.graphql_values(
                spec.valid_input(1) | {spec.unique_field: spec.unique_value}
            )
        },
    )
    first_id = database_id(first["data"]["done"]["id"], spec.graphql_type)
    for number, spelling in enumerate(spec.duplicate_spellings, start=2):
        values = spec.valid_input(number) | {spec.unique_field: spelling}
        body = await execute(
            client, create_document(spec), {"input": spec.graphql_values(values)}
        )
        assert only_error(body)["extensions"] == {"code": "CONFLICT"}, spelling
    assert await stored_ids(client, spec) == [first_id]


async def test_update_and_delete_of_an_unknown_row_are_not_found(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    node_id = global_id(spec.graphql_type, UNKNOWN_ID)
    for document, variables in (
        (
            update_document(spec),
            {"id": node_id, "input": spec.graphql_values(spec.update)},
        ),
        (delete_document(spec), {"id": node_id}),
    ):
        error = only_error(await execute(client, document, variables))
        assert error["extensions"] == {"code": "NOT_FOUND"}, document


async def test_anonymous_mutations_are_unauthenticated_and_write_nothing(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(anonymous_client, spec, row_id)
    node_id = global_id(spec.graphql_type, row_id)
    for document, variables in (
        (create_document(spec), {"input": spec.graphql_values(spec.valid_input(2))}),
        (
            update_document(spec),
            {"id": node_id, "input": spec.graphql_values(spec.update)},
        ),
        (delete_document(spec), {"id": node_id}),
    ):
        body = await execute(anonymous_client, document, variables)
        assert only_error(body)["extensions"]["code"] == "UNAUTHENTICATED", document
    assert await stored_ids(anonymous_client, spec) == [row_id]
    assert await read(anonymous_client, spec, row_id) == before
