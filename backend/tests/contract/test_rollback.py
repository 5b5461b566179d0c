"""A failed mutation leaves nothing behind, even when it fails after writing.

A GraphQL error is still an HTTP 200, which the session's commit-on-success
hook would commit: each mutation must roll back what it wrote before it
failed. The faults strike after the mutation's write and before its commit,
where only the mutation's own rollback can undo the write (a failure the
database reports would abort the transaction by itself).
"""

import httpx
import pytest
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.requests import delete_document, read, stored_ids, update_document
from tests.contract.spec import EntitySpec
from tests.helpers.faults import FaultPoint, failing_after_the_first_write
from tests.helpers.graphql import execute, global_id, only_error


async def test_an_update_failing_after_its_write_leaves_the_row_unchanged(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    app_engine: Engine,
    spec: EntitySpec,
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(client, spec, row_id)
    variables = {
        "id": global_id(spec.graphql_type, row_id),
        "input": spec.graphql_values(spec.update),
    }
    with failing_after_the_first_write(app_engine, FaultPoint.NEXT_STATEMENT) as fault:
        body = await execute(client, update_document(spec), variables)
    assert fault.struck_at, f"no statement between the write and the commit: {fault}"
    assert only_error(body)["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert await read(client, spec, row_id) == before


async def test_a_delete_failing_after_its_write_keeps_the_row(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    app_engine: Engine,
    spec: EntitySpec,
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(client, spec, row_id)
    variables = {"id": global_id(spec.graphql_type, row_id)}
    with failing_after_the_first_write(app_engine, FaultPoint.AFTER_THE_WRITE) as fault:
        body = await execute(client, delete_document(spec), variables)
    assert fault.struck_at, fault
    assert only_error(body)["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert await read(client, spec, row_id) == before


async def test_a_failed_mutation_keeps_the_earlier_ones_of_its_document(
    client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    if not spec.unique_field_changes:
        pytest.skip(f"a change cannot conflict: {spec.name}'s key never changes")
    first, second = await spec.seed(db_session, 2, 0)
    kept = await read(client, spec, first)
    before = await read(client, spec, second)
    document = f"""mutation($a: ID!, $b: ID!, $ok: {spec.graphql_patch_input}!,
                            $bad: {spec.graphql_patch_input}!) {{
      ok: {spec.graphql_update}(id: $a, input: $ok) {{ id }}
      bad: {spec.graphql_update}(id: $b, input: $bad) {{ id }}
    }}"""
    duplicate = dict(spec.update) | {spec.unique_field: kept[spec.unique_field]}
    variables = {
        "a": global_id(spec.graphql_type, first),
        "b": global_id(spec.graphql_type, second),
        "ok": spec.graphql_values(spec.update),
        "bad": spec.graphql_values(duplicate),
    }
    error = only_error(await execute(client, document, variables))
    assert (error["path"], error["extensions"]) == (["bad"], {"code": "CONFLICT"})
    changed = await read(client, spec, first)
    assert {name: changed[name] for name in spec.update} == dict(spec.update)
    assert await read(client, spec, second) == before
    assert await stored_ids(client, spec) == sorted([first, second])
