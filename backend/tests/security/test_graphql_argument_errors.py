"""Bad arguments and variables are the client's error: `BAD_USER_INPUT`, never internal.

graphql-core coerces arguments during execution and reports a failure as a
plain error with no cause, which an error mask reads as internal. Every
variable and argument is now coerced before anything runs. In production no
message suggests names ("Did you mean ...?"): with introspection off they
would reveal the schema.
"""

import logging

import httpx
import pytest

from tests.helpers.graphql import execute
from tests.helpers.http import app_client
from tests.helpers.settings import PRODUCTION
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup

ORDER = "query($o: BookOrder) { books(orderBy: $o) { totalCount } }"
FIRST = "query($n: Int) { books(first: $n) { totalCount } }"
FILTER = "query($f: BookFilter) { books(filter: $f) { totalCount } }"
BY_ID = "query($id: ID!) { bookById(id: $id) { id } }"
INCLUDE = "query($b: Boolean = true) { books { totalCount @include(if: $b) } }"
NESTED_INCLUDE = (
    "query($b: Boolean = true) { books { edges { node { id title @skip(if: $b) } } } }"
)
CREATE = "mutation($input: BookInput!) { createBook(input: $input) { id } }"

BAD_VARIABLES = [
    pytest.param(ORDER, {"o": None}, id="null for a non-null argument with a default"),
    pytest.param(ORDER, {"o": "NEWEST"}, id="unknown enum value"),
    pytest.param(ORDER, {"o": 3}, id="number for an enum"),
    pytest.param(FIRST, {"n": "ten"}, id="string for an Int"),
    pytest.param(FIRST, {"n": 1.5}, id="float for an Int"),
    pytest.param(FIRST, {"n": 2**31}, id="Int out of range"),
    pytest.param(FIRST, {"n": [1]}, id="list for an Int"),
    pytest.param(FILTER, {"f": [{"q": "x"}]}, id="list for an object"),
    pytest.param(FILTER, {"f": "q"}, id="string for an object"),
    pytest.param(FILTER, {"f": {"query": "x"}}, id="unknown input field"),
    pytest.param(FILTER, {"f": {"publishedAfter": "2020-13-45"}}, id="invalid date"),
    pytest.param(FILTER, {"f": {"publishedAfter": 20200101}}, id="number for a date"),
    pytest.param(BY_ID, {}, id="required variable missing"),
    pytest.param(BY_ID, {"id": None}, id="null for a required variable"),
    pytest.param(INCLUDE, {"b": None}, id="null for a directive argument"),
    pytest.param(NESTED_INCLUDE, {"b": None}, id="null for a nested directive"),
    pytest.param(CREATE, {"input": {"title": "t"}}, id="input missing fields"),
    pytest.param(
        CREATE,
        {"input": {"title": "t", "author": "a", "isbn": "1", "pageCount": "x"}},
        id="string for an input Int",
    ),
]


def codes(body: dict[str, list[dict]]) -> set[str]:
    """The error codes of a response."""
    return {error["extensions"]["code"] for error in body["errors"]}


def internal_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The GraphQL error log's ERROR records (internal errors, with traceback)."""
    return [
        record
        for record in caplog.records
        if record.name == "backend.graphql.errors" and record.levelno >= logging.ERROR
    ]


@pytest.mark.parametrize(("query", "variables"), BAD_VARIABLES)
async def test_bad_variables_are_bad_user_input_and_run_nothing(
    client: httpx.AsyncClient,
    sql_statements: StatementRecorder,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict[str, object],
) -> None:
    with caplog.at_level(logging.INFO), sql_statements() as statements:
        body = await execute(client, query, variables)
    assert body["errors"], body
    for error in body["errors"]:
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert body.get("data") is None
    assert after_the_bearer_lookup(statements) == []
    assert internal_errors(caplog) == []


TYPOS = [
    pytest.param("{ books { totalCont } }", {}, id="field"),
    pytest.param("{ books(frist: 1) { totalCount } }", {}, id="argument"),
    pytest.param("{ books(orderBy: TITEL) { totalCount } }", {}, id="enum literal"),
    pytest.param("query($f: BookFiltr) { books { totalCount } }", {}, id="type"),
    pytest.param(ORDER, {"o": "TITEL"}, id="enum variable"),
    pytest.param(FILTER, {"f": {"qq": "x"}}, id="input field variable"),
    pytest.param('{ books(filter: {qq: "x"}) { totalCount } }', {}, id="input field"),
]


@pytest.mark.parametrize(("query", "variables"), TYPOS)
async def test_production_messages_suggest_no_names_development_ones_do(
    client: httpx.AsyncClient,
    database_url: str,
    query: str,
    variables: dict[str, object],
) -> None:
    async with app_client(database_url, **PRODUCTION) as http:
        body = await execute(http, query, variables)
    assert "Did you mean" not in str(body["errors"])
    assert codes(body) <= {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
    development = await execute(client, query, variables)
    assert "Did you mean" in str(development["errors"])
    assert codes(development) == codes(body)
