"""Admin create and edit go through the entity's rules: a refused value is a
form error (422) and nothing is stored."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.requests import read, stored_ids
from tests.contract.spec import EntitySpec, Values, form_values
from tests.helpers.admin_forms import submit


def create_path(spec: EntitySpec) -> str:
    """The admin's create form."""
    return f"/admin/{spec.admin_key}/create"


def edit_path(spec: EntitySpec, row_id: int) -> str:
    """The admin's edit form of a row."""
    return f"/admin/{spec.admin_key}/edit?pk={row_id}"


def form(
    spec: EntitySpec, number: int, changes: Values | None = None
) -> dict[str, str]:
    """A filled form: a valid input with `changes`."""
    values = spec.valid_input(number) | dict(spec.admin_values)
    return form_values(values | dict(changes or {}))


async def test_a_valid_create_and_edit_are_stored(
    admin_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    created = await submit(admin_client, create_path(spec), form(spec, 1))
    assert created.status_code == 303, created.text
    [row_id] = await stored_ids(admin_client, spec)
    edited = await submit(
        admin_client, edit_path(spec, row_id), form(spec, 1, spec.update)
    )
    assert edited.status_code == 303, edited.text
    stored = await read(admin_client, spec, row_id)
    assert {name: stored[name] for name in spec.update} == dict(spec.update)


async def test_each_invalid_value_is_a_form_error_and_nothing_is_stored(
    admin_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    for invalid in spec.invalid_inputs:
        response = await submit(
            admin_client, create_path(spec), form(spec, 1, invalid.changes)
        )
        assert response.status_code == 422, invalid
    assert await stored_ids(admin_client, spec) == []


async def test_each_invalid_edit_is_a_form_error_and_keeps_the_row(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    [row_id] = await spec.seed(db_session, 1, 0)
    before = await read(admin_client, spec, row_id)
    for invalid in spec.invalid_inputs:
        response = await submit(
            admin_client, edit_path(spec, row_id), form(spec, 1, invalid.changes)
        )
        assert response.status_code == 422, invalid
    assert await read(admin_client, spec, row_id) == before


async def test_a_duplicate_in_every_spelling_is_a_form_error(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, spec: EntitySpec
) -> None:
    unique = {spec.unique_field: spec.unique_value}
    first = await submit(admin_client, create_path(spec), form(spec, 1, unique))
    assert first.status_code == 303, first.text
    [row_id] = await stored_ids(admin_client, spec)
    [other_id] = await spec.seed(db_session, 1, 500)
    other = await read(admin_client, spec, other_id)
    for number, spelling in enumerate(spec.duplicate_spellings, start=2):
        duplicate = {spec.unique_field: spelling}
        created = await submit(
            admin_client, create_path(spec), form(spec, number, duplicate)
        )
        assert created.status_code == 422, spelling
        if spec.unique_field_changes:
            edited = await submit(
                admin_client, edit_path(spec, other_id), form(spec, number, duplicate)
            )
            assert edited.status_code == 422, spelling
    assert await stored_ids(admin_client, spec) == sorted([row_id, other_id])
    assert await read(admin_client, spec, other_id) == other
