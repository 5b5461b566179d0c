"""REST create, read, update, delete: statuses, named fields, conflicts, auth."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.settings import Settings
from tests.contract.requests import create, post_create, problems, read, stored_ids
from tests.contract.spec import EntitySpec

UNKNOWN_ID = 987_654_321


async def test_create_is_201_and_reads_back_as_200(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await create(client, spec, 1)
    assert await read(client, spec, created["id"]) == created
    assert await stored_ids(client, spec) == [created["id"]]


async def test_update_is_200_and_stores_the_change(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await create(client, spec, 1)
    response = await client.patch(
        f"{spec.rest_path}/{created['id']}", json=dict(spec.update)
    )
    assert response.status_code == 200, response.text
    stored = await read(client, spec, created["id"])
    assert stored == response.json()
    assert {name: stored[name] for name in spec.update} == dict(spec.update)


async def test_delete_is_204_then_the_row_is_404(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await create(client, spec, 1)
    response = await client.delete(f"{spec.rest_path}/{created['id']}")
    assert response.status_code == 204
    assert response.content == b""
    gone = await client.get(f"{spec.rest_path}/{created['id']}")
    assert gone.status_code == 404


async def test_each_invalid_input_is_400_naming_its_field_and_stores_nothing(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    for invalid in spec.invalid_inputs:
        response = await post_create(client, spec, spec.valid_input(1), invalid.changes)
        assert response.status_code == 400, (invalid, response.text)
        assert invalid.field in problems(response), (invalid, response.text)
    assert await stored_ids(client, spec) == []


async def test_each_invalid_change_is_400_naming_its_field_and_keeps_the_row(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await create(client, spec, 1)
    for invalid in spec.invalid_inputs:
        response = await client.patch(
            f"{spec.rest_path}/{created['id']}", json=dict(invalid.changes)
        )
        assert response.status_code == 400, (invalid, response.text)
        assert invalid.field in problems(response), (invalid, response.text)
    assert await read(client, spec, created["id"]) == created


async def test_unknown_id_is_404_for_get_patch_and_delete(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    path = f"{spec.rest_path}/{UNKNOWN_ID}"
    for method, body in (("GET", None), ("PATCH", dict(spec.update)), ("DELETE", None)):
        response = await client.request(method, path, json=body)
        assert response.status_code == 404, method
        assert set(response.json()) == {"status_code", "detail"}, method


async def test_duplicate_in_every_spelling_is_409_and_stores_nothing(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    first = await create(client, spec, 1, {spec.unique_field: spec.unique_value})
    for number, spelling in enumerate(spec.duplicate_spellings, start=2):
        duplicate = {spec.unique_field: spelling}
        response = await post_create(client, spec, spec.valid_input(number), duplicate)
        assert response.status_code == 409, (spelling, response.text)
    assert await stored_ids(client, spec) == [first["id"]]


async def test_change_to_a_duplicate_is_409_and_keeps_the_row(
    client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    if not spec.unique_field_changes:
        pytest.skip(f"a change cannot conflict: {spec.name}'s key never changes")
    await create(client, spec, 1, {spec.unique_field: spec.unique_value})
    second = await create(client, spec, 2)
    for spelling in spec.duplicate_spellings:
        response = await client.patch(
            f"{spec.rest_path}/{second['id']}",
            json=dict(spec.update) | {spec.unique_field: spelling},
        )
        assert response.status_code == 409, (spelling, response.text)
    assert await read(client, spec, second["id"]) == second


async def test_anonymous_writes_are_401_and_change_nothing(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(anonymous_client, spec, row_id)
    item = f"{spec.rest_path}/{row_id}"
    create_path, create_body = spec.create_request(spec.valid_input(2))
    for method, path, body in (
        ("POST", create_path, create_body),
        ("PATCH", item, dict(spec.update)),
        ("DELETE", item, None),
    ):
        response = await anonymous_client.request(method, path, json=body)
        assert response.status_code == 401, method
        assert response.headers["www-authenticate"] == "Bearer", method
        assert set(response.json()) == {"status_code", "detail"}, method
    assert await stored_ids(anonymous_client, spec) == [row_id]
    assert await read(anonymous_client, spec, row_id) == before


async def test_oversized_body_is_413_and_stores_nothing(
    client: httpx.AsyncClient, settings: Settings, spec: EntitySpec
) -> None:
    padding = "x" * settings.request_max_body_bytes
    response = await post_create(
        client, spec, spec.valid_input(1), {"padding": padding}
    )
    assert response.status_code == 413
    assert await stored_ids(client, spec) == []
