"""Depth, alias and token limits, introspection and GraphiQL switches, by settings."""

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.helpers.graphql import execute, only_error
from tests.helpers.http import app_client
from tests.helpers.settings import PRODUCTION
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup

INTROSPECTION = "{ __schema { queryType { name } } }"
TYPE_INTROSPECTION = '{ __type(name: "Book") { name } }'
DEPTH_3 = "{ books { edges { node { id } } } }"
DEPTH_2 = "{ books { pageInfo { hasNextPage } } }"


def aliases(count: int) -> str:
    """A query with `count` aliased fields."""
    return "{ " + " ".join(f"a{i}: books {{ totalCount }}" for i in range(count)) + " }"


def tokens(count: int) -> str:
    """A `nodes` query of exactly `count` tokens (12 plus one per id)."""
    ids = ", ".join(['"Qm9vazox"'] * (count - 12))
    return f"{{ nodes(ids: [{ids}]) {{ id }} }}"


@pytest.fixture
async def tight_client(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app with small limits and introspection off."""
    async with app_client(
        database_url,
        graphql_max_depth=2,
        graphql_max_aliases=2,
        graphql_max_tokens=40,
        graphql_introspection=False,
    ) as http:
        yield http


async def test_too_many_aliases_are_refused_by_default(
    client: httpx.AsyncClient, sql_statements: StatementRecorder
) -> None:
    with sql_statements() as statements:
        body = await execute(client, aliases(16))
    error = only_error(body)
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "16 aliases found. Allowed: 15" in error["message"]
    assert after_the_bearer_lookup(statements) == []
    assert "errors" not in await execute(client, aliases(15))


async def test_too_many_tokens_are_refused_by_default(
    client: httpx.AsyncClient,
) -> None:
    error = only_error(await execute(client, tokens(2001)))
    assert error["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    assert "more than 2000 tokens" in error["message"]
    # 2000 tokens parse and validate: `nodes` itself refuses 1988 ids.
    allowed = only_error(await execute(client, tokens(2000)))
    assert allowed["extensions"] == {"code": "BAD_USER_INPUT", "field": "ids"}


async def test_too_deep_a_query_is_refused(tight_client: httpx.AsyncClient) -> None:
    error = only_error(await execute(tight_client, DEPTH_3))
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "exceeds maximum operation depth of 2" in error["message"]
    assert "errors" not in await execute(tight_client, DEPTH_2)


async def test_alias_limit_comes_from_settings(tight_client: httpx.AsyncClient) -> None:
    error = only_error(await execute(tight_client, aliases(3)))
    assert "3 aliases found. Allowed: 2" in error["message"]
    assert "errors" not in await execute(tight_client, aliases(2))


async def test_token_limit_comes_from_settings(tight_client: httpx.AsyncClient) -> None:
    error = only_error(await execute(tight_client, tokens(41)))
    assert error["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    assert "errors" not in await execute(tight_client, tokens(40))


@pytest.mark.parametrize("query", [INTROSPECTION, TYPE_INTROSPECTION])
async def test_introspection_is_on_in_development_and_test(
    client: httpx.AsyncClient, query: str
) -> None:
    body = await execute(client, query)
    assert "errors" not in body


@pytest.mark.parametrize("query", [INTROSPECTION, TYPE_INTROSPECTION])
async def test_introspection_can_be_turned_off(
    tight_client: httpx.AsyncClient, query: str
) -> None:
    body = await execute(tight_client, query)
    assert body["data"] is None
    assert {error["extensions"]["code"] for error in body["errors"]} == {
        "GRAPHQL_VALIDATION_FAILED"
    }
    assert "introspection has been disabled" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("overrides", "introspection", "ide"),
    [
        ({}, False, False),
        ({"graphql_introspection": True}, True, False),
        ({"graphql_ide": True}, False, True),
    ],
    ids=["defaults", "introspection on", "ide on"],
)
async def test_production_turns_introspection_and_ide_off_unless_asked(
    database_url: str,
    overrides: dict[str, object],
    introspection: bool,
    ide: bool,
) -> None:
    async with app_client(database_url, **PRODUCTION, **overrides) as http:
        body = await execute(http, INTROSPECTION)
        page = await http.get("/graphql", headers={"accept": "text/html"})
    assert ("errors" not in body) is introspection
    assert ("graphiql" in page.text.lower()) is ide


async def test_graphiql_is_served_in_development_and_test(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
