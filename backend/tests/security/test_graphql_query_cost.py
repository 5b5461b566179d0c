"""A GraphQL operation's cost is computed from its document before it runs.

Connections cost by their page size (from literals, variables or defaults),
`totalCount` and searches cost more, nested lists multiply, mutations count;
over `GRAPHQL_MAX_COST` the operation is refused with `QUERY_TOO_COMPLEX`,
naming the cost and the budget, and not one SQL statement runs.
"""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from graphql import OperationDefinitionNode, parse
from graphql.execution.values import get_variable_values

from backend.graphql.cost import operation_cost
from backend.schema import schema
from backend.settings import Settings
from bench.servers import BACKEND_DIR
from tests.helpers.graphql import execute, global_id, only_error
from tests.helpers.http import app_client
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup

SEARCHED_COUNT = 'books(first: 100, filter: {q: "tolkien"}) { totalCount }'
FRONTEND = BACKEND_DIR.parent / "frontend" / "src"
DEFAULT_BUDGET = Settings.model_fields["graphql_max_cost"].default
PAGE = "query($n: Int) { books(first: $n) { edges { node { id } } } }"


def refusal(body: dict[str, object], cost: int, budget: int) -> None:
    """Assert `body` is the refusal of an operation costing `cost`."""
    error = only_error(body)
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX"}
    assert error["message"] == f"query cost {cost} exceeds the budget of {budget}"
    assert body["data"] is None


@pytest.fixture
async def small_budget(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose cost budget is 50."""
    async with app_client(database_url, graphql_max_cost=50) as http:
        yield http


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        pytest.param(
            "{ " + " ".join(f"a{i}: {SEARCHED_COUNT}" for i in range(15)) + " }",
            {},
            15 * 551,
            id="15 aliases of a searched count",
        ),
        pytest.param(
            "query($f: BookFilter, $n: Int) { "
            + " ".join(
                f"a{i}: books(first: $n, filter: $f) {{ totalCount }}" for i in range(8)
            )
            + " }",
            {"f": {"q": "tolkien"}, "n": 100},
            8 * 551,
            id="8 aliases, search in variables",
        ),
        pytest.param(
            '{ a: books(filter: {q: "x"}) { ...C } b: books(filter: {q: "y"}) '
            '{ ...C } c: books(filter: {q: "z"}) { ...C } d: books(filter: {q: "w"})'
            " { ...C } } fragment C on BookConnection { totalCount }",
            {},
            4 * 551,
            id="counts through a fragment",
        ),
        pytest.param(
            "{ a: books(first: 100) { ...E } b: books(first: 100) { ...E } } "
            "fragment E on BookConnection { edges { cursor node { id title author "
            "isbn publishedOn pageCount createdAt updatedAt } } }",
            {},
            2 * (1 + 1 + 100 * 10),
            id="two full pages",
        ),
    ],
)
async def test_costly_reads_are_refused_before_any_sql(
    client: httpx.AsyncClient,
    sql_statements: StatementRecorder,
    query: str,
    variables: dict[str, object],
    cost: int,
) -> None:
    with sql_statements() as statements:
        body = await execute(client, query, variables)
    refusal(body, cost, DEFAULT_BUDGET)
    assert after_the_bearer_lookup(statements) == []


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        pytest.param(PAGE, {"n": 25}, 52, id="first from a variable"),
        pytest.param(
            "query($n: Int = 25) { books(first: $n) { edges { node { id } } } }",
            {},
            52,
            id="first from the variable's default",
        ),
        pytest.param(
            "{ books(last: 25) { edges { node { id } } } }", {}, 52, id="last"
        ),
        pytest.param(
            "{ books { edges { node { id title } } } }",
            {},
            2 + 20 * 3,
            id="default page size",
        ),
        pytest.param(
            "{ books { edges { ... on BookEdge { node { ... on Book { id title } } } }"
            " } }",
            {},
            2 + 20 * 3,
            id="inline fragments",
        ),
        pytest.param(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            {"ids": [global_id("Book", i) for i in range(50)]},
            51,
            id="a list argument multiplies",
        ),
        pytest.param(
            "{ books(first: 1) { totalCount } }", {}, 51, id="totalCount is a COUNT"
        ),
        pytest.param(
            'mutation { a: deleteBook(id: "Qm9vazox") b: deleteBook(id: "Qm9vazoy") '
            'c: deleteBook(id: "Qm9vazoz") d: deleteBook(id: "Qm9vazo0") '
            'e: deleteBook(id: "Qm9vazo1") }',
            {},
            55,
            id="mutations count",
        ),
    ],
)
async def test_cost_follows_page_sizes_variables_counts_and_writes(
    small_budget: httpx.AsyncClient,
    query: str,
    variables: dict[str, object],
    cost: int,
) -> None:
    refusal(await execute(small_budget, query, variables), cost, 50)


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        pytest.param(PAGE, {"n": 24}, id="first 24 costs 50"),
        pytest.param(
            "query($skip: Boolean!) { books(first: 24) { edges { node { id } } } "
            "b: books(first: 100) @skip(if: $skip) { edges { node { id } } } }",
            {"skip": True},
            id="a skipped connection costs nothing",
        ),
        pytest.param(
            "{ books(first: 100) @include(if: false) { totalCount } __typename }",
            {},
            id="an excluded field costs nothing",
        ),
    ],
)
async def test_operations_within_the_budget_run(
    small_budget: httpx.AsyncClient, query: str, variables: dict[str, object]
) -> None:
    assert "errors" not in await execute(small_budget, query, variables)


def frontend_operations() -> list[tuple[str, OperationDefinitionNode]]:
    """Every operation of the frontend's documents, with the fragments they use."""
    source = "\n".join(path.read_text() for path in sorted(FRONTEND.rglob("*.graphql")))
    document = parse(source)
    return [
        (source, definition)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]


WORST_CASE_VARIABLES = {
    "first": 100,
    "after": None,
    "filter": {"q": "tolkien", "author": "J. R. R. Tolkien"},
    "orderBy": "TITLE",
    "id": global_id("Book", 1),
    "input": {"title": "t", "author": "a", "isbn": "0441172717"},
    "bookId": global_id("Book", 1),
    "viewerId": global_id("User", 1),
    "withMine": True,
}
# Operations whose variables of a shared name hold another input type.
OPERATION_VARIABLES: dict[str, dict[str, object]] = {
    "CreateReview": {
        "input": {"bookId": global_id("Book", 1), "rating": 5, "body": "b"}
    },
    "UpdateReview": {"id": global_id("Review", 1), "input": {"rating": 4}},
    "DeleteReview": {"id": global_id("Review", 1)},
}


def test_frontend_documents_fit_the_default_budget_at_their_largest() -> None:
    graphql_schema = schema._schema
    operations = frontend_operations()
    assert {op.name.value for _, op in operations if op.name} >= {
        "BookList",
        "BookDetail",
        "BookReviews",
        *OPERATION_VARIABLES,
    }
    for source, operation in operations:
        definitions = operation.variable_definitions or ()
        names = {variable.variable.name.value for variable in definitions}
        name = operation.name.value if operation.name else ""
        worst = WORST_CASE_VARIABLES | OPERATION_VARIABLES.get(name, {})
        values = {k: v for k, v in worst.items() if k in names}
        variables = get_variable_values(graphql_schema, definitions, values)
        assert not isinstance(variables, list), variables
        cost = operation_cost(graphql_schema, parse(source), operation, variables)
        assert 0 < cost <= DEFAULT_BUDGET, (operation.name, cost)


async def test_readme_examples_and_a_full_searched_page_run_under_the_default_budget(
    client: httpx.AsyncClient,
) -> None:
    readme = (BACKEND_DIR.parent / "README.md").read_text()
    example = (
        "{ books(first: 2, orderBy: TITLE) { edges { cursor node { id title isbn } } "
        "pageInfo { hasNextPage endCursor } } }"
    )
    assert example in readme
    full_page = (
        '{ books(first: 100, filter: {q: "dune"}) { totalCount edges { cursor node {'
        " id title author isbn publishedOn pageCount createdAt updatedAt } }"
        " pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
    )
    for query in (example, full_page):
        assert "errors" not in await execute(client, query)


def test_the_budget_is_a_setting_listed_for_operators() -> None:
    example = (BACKEND_DIR.parent / ".env.example").read_text()
    assert f"GRAPHQL_MAX_COST={DEFAULT_BUDGET}" in example
    assert Path(BACKEND_DIR.parent / "README.md").read_text().count("QUERY_TOO_COMPLEX")
