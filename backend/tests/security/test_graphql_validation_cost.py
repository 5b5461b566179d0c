"""Validating a GraphQL document costs time linear in the document.

The depth, alias and cost measures visit each fragment once, so documents of
doubling fragments (2^n fields in under a kilobyte) are refused at once with
their exact, astronomical counts; fragment cycles and long chains neither
loop nor overflow the stack; graphql-core's quadratic overlap check gives up
after a budget that ordinary documents (30 colocated fragments of 8 fields)
stay inside, and names the limit. The bounds below are generous (2 s, for a shared
machine): before, 20 levels took 11 s and 30 never finished.
`python -m bench.graphql_validation` prints the real figures.
"""

import time
from collections.abc import Mapping

import httpx
import pytest
from graphql import (
    GraphQLCompositeType,
    SelectionSetNode,
    get_operation_ast,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values
from graphql.validation import OverlappingFieldsCanBeMergedRule

from backend.graphql import cost, shape
from backend.graphql.limits import OperationLimits, validation_rules
from backend.schema import schema
from backend.settings import Settings
from bench.graphql_validation import (
    ATTACKS,
    attack,
    doubling_connections,
    doubling_fragments,
    fragment_chain,
    fragment_cycle,
    largest,
    overlapping_connection_fragments,
    overlapping_fragments,
    repeated_connections,
    repeated_fields,
)
from tests.helpers.graphql import execute
from tests.helpers.sql import StatementRecorder, after_the_bearer_lookup
from tests.security.test_graphql_query_cost import FRONTEND

GENEROUS_SECONDS = 2.0
DEFAULT_LIMITS = OperationLimits.from_settings(Settings())


async def timed(client: httpx.AsyncClient, query: str) -> tuple[dict, float]:
    """The response to `query` and how long it took."""
    started = time.perf_counter()
    body = await execute(client, query)
    return body, time.perf_counter() - started


def codes(body: dict) -> set[str]:
    """The error codes of a response."""
    return {error["extensions"]["code"] for error in body.get("errors", [])}


@pytest.mark.parametrize("levels", [20, 24, 30])
async def test_doubling_fragments_are_refused_at_once_with_their_exact_alias_count(
    client: httpx.AsyncClient, sql_statements: StatementRecorder, levels: int
) -> None:
    with sql_statements() as statements:
        body, seconds = await timed(client, doubling_fragments(levels))
    assert seconds < GENEROUS_SECONDS
    (error,) = body["errors"]
    assert error["message"] == f"{2**levels} aliases found. Allowed: 15"
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert after_the_bearer_lookup(statements) == []


def test_each_fragment_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    measured: list[SelectionSetNode] = []
    measure = shape.selection_shape

    def counting(
        selection_set: SelectionSetNode, fragments: Mapping[str, shape.Shape]
    ) -> shape.Shape:
        measured.append(selection_set)
        return measure(selection_set, fragments)

    monkeypatch.setattr(shape, "selection_shape", counting)
    for levels in (10, 40):
        measured.clear()
        shapes = shape.operation_shapes(parse(doubling_fragments(levels)))
        assert [s.aliases for s in shapes.values()] == [2**levels]
        # One measure per fragment, plus the operation's four selection sets.
        assert len(measured) == levels + 1 + 4


def test_each_fragment_is_costed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    costed: list[SelectionSetNode] = []
    selection = cost._Costing.selection

    def counting(
        self: cost._Costing,
        selection_set: SelectionSetNode,
        parent: GraphQLCompositeType,
    ) -> cost.Cost:
        costed.append(selection_set)
        return selection(self, selection_set, parent)

    monkeypatch.setattr(cost._Costing, "selection", counting)
    graphql_schema = schema._schema
    for levels in (10, 40):
        costed.clear()
        document = parse(doubling_connections(levels))
        operation = get_operation_ast(document)
        assert operation is not None
        variables = get_variable_values(graphql_schema, (), {})
        assert not isinstance(variables, list)
        total = cost.operation_cost(graphql_schema, document, operation, variables)
        assert total == 1 + 2**levels * cost.COUNT_COST
        assert len(costed) == levels + 1 + 2


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(fragment_cycle(1), id="a fragment spreading itself"),
        pytest.param(fragment_cycle(2), id="two fragments"),
        pytest.param(fragment_cycle(30), id="a cycle of 30, each spread twice"),
        pytest.param(largest(fragment_cycle), id="the longest cycle that parses"),
    ],
)
async def test_fragment_cycles_are_refused_without_looping(
    client: httpx.AsyncClient, query: str
) -> None:
    body, seconds = await timed(client, query)
    assert seconds < GENEROUS_SECONDS
    assert codes(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert any("Cannot spread fragment" in e["message"] for e in body["errors"]) or (
        body["errors"][0]["message"] == "Validation aborted."
    )


async def test_a_fragment_chain_too_long_for_the_stack_is_refused_not_crashed(
    client: httpx.AsyncClient,
) -> None:
    assert shape.operation_shapes(parse(largest(fragment_chain)))
    body, seconds = await timed(client, largest(fragment_chain))
    assert seconds < GENEROUS_SECONDS
    assert codes(body) == {"GRAPHQL_VALIDATION_FAILED"}
    short, _ = await timed(client, fragment_chain(30))
    assert "errors" not in short


def test_the_overlap_check_gives_up_after_a_budget_it_names() -> None:
    # 400 copies of one field: graphql-core's own budget lets it compare
    # them all (a quadratic walk); ours stops early and says why.
    document = parse(repeated_fields(400))
    graphql_schema = schema._schema
    assert validate(graphql_schema, document, [OverlappingFieldsCanBeMergedRule]) == []
    errors = validate(graphql_schema, document, [shape.BoundedOverlapRule])
    assert [error.message for error in errors] == [OVERLAP_REFUSAL]
    assert shape.BoundedOverlapRule in validation_rules(DEFAULT_LIMITS)
    assert OverlappingFieldsCanBeMergedRule not in validation_rules(DEFAULT_LIMITS)


OVERLAP_REFUSAL = (
    "the document has too many overlapping fields to compare (more than 15000 "
    "comparison steps); select repeated fields and fragments fewer times"
)
FRAGMENT_FIELDS = "id title author isbn publishedOn pageCount createdAt updatedAt"


def colocated(fragments: int, fields: int) -> str:
    """`fragments` fragments of `fields` fields each, spread on one node."""
    selected = " ".join(FRAGMENT_FIELDS.split()[:fields])
    spreads = " ".join(f"...F{i}" for i in range(fragments))
    definitions = " ".join(
        f"fragment F{i} on Book {{ {selected} }}" for i in range(fragments)
    )
    return (
        f"query Colocated {{ books(first: 5) {{ totalCount edges {{ cursor node {{ id "
        f"{spreads} }} }} pageInfo {{ hasNextPage endCursor }} }} }} {definitions}"
    )


ORDINARY_DOCUMENTS = {
    "15 fragments of 6 fields on one node": colocated(15, 6),
    "30 fragments of 8 fields on one node": colocated(30, 8),
    "`id title` 40 times": "{ books(first: 5) { edges { node { "
    + "id title " * 40
    + "} } } }",
    "every field 4 times": "{ books(first: 5) { "
    + "totalCount " * 4
    + ("edges { " + "cursor " * 4 + "node { " + f"{FRAGMENT_FIELDS} " * 4 + "} } ") * 4
    + "pageInfo { hasNextPage } " * 4
    + "} }",
    "the connection 3 times with every field": (
        "{ "
        + f"books(first: 5) {{ edges {{ node {{ {FRAGMENT_FIELDS} }} }} }} " * 3
        + "}"
    ),
}


@pytest.mark.parametrize(
    "query", ORDINARY_DOCUMENTS.values(), ids=ORDINARY_DOCUMENTS.keys()
)
async def test_ordinary_documents_pass_the_overlap_check(
    client: httpx.AsyncClient, query: str
) -> None:
    body = await execute(client, query)
    assert "errors" not in body, body["errors"]


def overlap_steps(document: str) -> int:
    """The steps the overlap check spends on `document`, which must be valid."""
    spent: list[int] = []

    class Measured(shape.BoundedOverlapRule):
        def leave_document(self, *_args: object) -> None:
            budget = self.rule_context.remaining_complexity_budget
            spent.append(shape.OVERLAP_BUDGET - budget)

    assert validate(schema._schema, parse(document), [Measured]) == []
    (steps,) = spent
    return steps


def test_the_frontend_documents_and_colocated_fragments_stay_inside_the_budget() -> (
    None
):
    frontend = "\n".join(path.read_text() for path in FRONTEND.rglob("*.graphql"))
    assert overlap_steps(frontend) < 100
    assert overlap_steps(colocated(30, 8)) < 0.8 * shape.OVERLAP_BUDGET


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(largest(repeated_fields), id="one field repeated"),
        pytest.param(largest(overlapping_fragments), id="overlapping fragments"),
        pytest.param(colocated(60, 8), id="60 fragments of 8 fields"),
        pytest.param(largest(repeated_connections), id="one connection repeated"),
        pytest.param(
            largest(overlapping_connection_fragments),
            id="overlapping connection fragments",
        ),
    ],
)
async def test_too_many_overlapping_fields_are_refused_naming_the_limit(
    client: httpx.AsyncClient, sql_statements: StatementRecorder, query: str
) -> None:
    with sql_statements() as statements:
        body = await execute(client, query)
    messages = [error["message"] for error in body["errors"]]
    assert OVERLAP_REFUSAL in messages, messages
    assert codes(body) == {"GRAPHQL_VALIDATION_FAILED"}
    assert after_the_bearer_lookup(statements) == []


@pytest.mark.parametrize("name", list(ATTACKS))
async def test_every_attack_document_is_answered_quickly_without_sql(
    client: httpx.AsyncClient, sql_statements: StatementRecorder, name: str
) -> None:
    with sql_statements() as statements:
        body, seconds = await timed(client, attack(name))
    assert seconds < GENEROUS_SECONDS
    assert "INTERNAL_SERVER_ERROR" not in codes(body)
    if "errors" in body:
        assert after_the_bearer_lookup(statements) == []
