"""How long GraphQL validation takes on documents built to make it slow.

Each attack document fits the default token limit; the script parses it,
validates it with the app's rules at the default limits (graphql-core's rules
included) and, when it is valid, costs it, as a request would; and prints the
median of several runs per document and the worst of those medians.

Usage: uv run python -m bench.graphql_validation [--runs N]
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from graphql import GraphQLError, get_operation_ast, parse
from graphql.execution.values import get_variable_values

from backend.graphql.caching import validate_document
from backend.graphql.cost import operation_cost
from backend.graphql.limits import OperationLimits, validation_rules
from backend.schema import schema
from backend.settings import Settings

DEFAULT_LIMITS = OperationLimits.from_settings(Settings())


def doubling_fragments(levels: int) -> str:
    """`F1` spreads `F0` twice, `F2` spreads `F1` twice...: 2^levels fields."""
    fragments = " ".join(
        f"fragment F{i} on Book {{ ...F{i - 1} ...F{i - 1} }}"
        for i in range(1, levels + 1)
    )
    return (
        f"{{ books {{ edges {{ node {{ ...F{levels} }} }} }} }} "
        f"fragment F0 on Book {{ a: id }} {fragments}"
    )


def doubling_connections(levels: int) -> str:
    """Doubling fragments on the connection: 2^levels `totalCount`s."""
    fragments = " ".join(
        f"fragment C{i} on BookConnection {{ ...C{i - 1} ...C{i - 1} }}"
        for i in range(1, levels + 1)
    )
    return (
        f"{{ books(first: 100) {{ ...C{levels} }} }} "
        f"fragment C0 on BookConnection {{ totalCount }} {fragments}"
    )


def fragment_chain(length: int) -> str:
    """Fragments spreading one another in a chain `length` long."""
    fragments = " ".join(
        f"fragment F{i} on Book {{ ...F{i + 1} }}" for i in range(length)
    )
    return (
        "{ books { edges { node { ...F0 } } } } "
        f"{fragments} fragment F{length} on Book {{ id }}"
    )


def fragment_cycle(length: int) -> str:
    """Fragments spreading one another in a cycle, twice each."""
    fragments = " ".join(
        f"fragment F{i} on Book {{ ...F{(i + 1) % length} ...F{(i + 1) % length} }}"
        for i in range(length)
    )
    return f"{{ books {{ edges {{ node {{ ...F0 }} }} }} }} {fragments}"


def nested_inline_fragments(levels: int) -> str:
    """Inline fragments nested `levels` deep."""
    opening = "... on BookConnection { " * levels
    return f"{{ books {{ {opening} totalCount {'} ' * levels}}} }}"


def repeated_fields(count: int) -> str:
    """One field asked `count` times."""
    return f"{{ books {{ {'totalCount ' * count}}} }}"


def aliased_fields(count: int) -> str:
    """`count` aliases of one field."""
    fields = " ".join(f"a{i}: totalCount" for i in range(count))
    return f"{{ books {{ {fields} }} }}"


def conflicting_fields(count: int) -> str:
    """One response name for `count` fields with different arguments."""
    fields = " ".join(
        f"b: books(first: {i + 1}) {{ totalCount }}" for i in range(count)
    )
    return f"{{ {fields} }}"


def overlapping_fragments(count: int) -> str:
    """`count` fragments selecting the same fields, all spread side by side."""
    spreads = " ".join(f"...O{i}" for i in range(count))
    fragments = " ".join(f"fragment O{i} on Book {{ id title }}" for i in range(count))
    return f"{{ books {{ edges {{ node {{ {spreads} }} }} }} }} {fragments}"


def colocated_fragments(count: int) -> str:
    """`count` fragments of every `Book` field, spread on one node (Relay
    fragment colocation, a valid document)."""
    spreads = " ".join(f"...C{i}" for i in range(count))
    fields = "id title author isbn publishedOn pageCount createdAt updatedAt"
    fragments = " ".join(f"fragment C{i} on Book {{ {fields} }}" for i in range(count))
    return (
        f"{{ books(first: 1) {{ edges {{ node {{ id {spreads} }} }} }} }} {fragments}"
    )


def repeated_connections(count: int) -> str:
    """One connection with nested selections asked `count` times."""
    connection = "books { edges { node { id } } pageInfo { hasNextPage } } "
    return f"{{ {connection * count}}}"


def overlapping_connection_fragments(count: int) -> str:
    """`count` fragments with the same nested selections, spread side by side."""
    spreads = " ".join(f"...E{i}" for i in range(count))
    fragments = " ".join(
        f"fragment E{i} on BookConnection {{ edges {{ node {{ id }} }} }}"
        for i in range(count)
    )
    return f"{{ books {{ {spreads} }} }} {fragments}"


def repeated_directives(count: int) -> str:
    """One field with `@include(if: true)` `count` times."""
    return f"{{ books {{ totalCount {'@include(if: true) ' * count}}} }}"


def directives_everywhere(count: int) -> str:
    """`count` fields, each with an `@include` and a `@skip`."""
    fields = " ".join(
        f"t{i}: totalCount @include(if: true) @skip(if: false)" for i in range(count)
    )
    return f"{{ books {{ {fields} }} }}"


def deep_introspection(levels: int) -> str:
    """`ofType` nested `levels` deep inside `__type`."""
    return (
        '{ __type(name: "Book") { '
        + "ofType { " * levels
        + "name"
        + " }" * levels
        + " } }"
    )


def many_variables(count: int) -> str:
    """`count` variables, each used."""
    variables = ", ".join(f"$v{i}: Int" for i in range(count))
    fields = " ".join(
        f"b{i}: books(first: $v{i}) {{ totalCount }}" for i in range(count)
    )
    return f"query({variables}) {{ {fields} }}"


type Builder = Callable[[int], str]

ATTACKS: dict[str, tuple[Builder, int | None]] = {
    "doubling fragments, 20 levels": (doubling_fragments, 20),
    "doubling fragments, 24 levels": (doubling_fragments, 24),
    "doubling fragments, 30 levels": (doubling_fragments, 30),
    "doubling fragments": (doubling_fragments, None),
    "doubling connection fragments": (doubling_connections, None),
    "fragment chain": (fragment_chain, None),
    "fragment cycle": (fragment_cycle, None),
    "nested inline fragments": (nested_inline_fragments, None),
    "one field repeated": (repeated_fields, None),
    "aliases of one field": (aliased_fields, None),
    "conflicting fields": (conflicting_fields, None),
    "overlapping fragments": (overlapping_fragments, None),
    "colocated fragments, 30 of 8 fields": (colocated_fragments, 30),
    "colocated fragments": (colocated_fragments, None),
    "one connection repeated": (repeated_connections, None),
    "overlapping connection fragments": (overlapping_connection_fragments, None),
    "@include repeated on a field": (repeated_directives, None),
    "fields with 2 directives": (directives_everywhere, None),
    "ofType nested": (deep_introspection, None),
    "variables": (many_variables, None),
}
"""Attack documents: a builder and its size, or None for the largest that parses."""


def parses(document: str, max_tokens: int = DEFAULT_LIMITS.max_tokens) -> bool:
    """Whether `document` parses within the token limit (and nesting limit)."""
    try:
        parse(document, max_tokens=max_tokens)
    except GraphQLError:
        return False
    return True


def largest(build: Builder, max_tokens: int = DEFAULT_LIMITS.max_tokens) -> str:
    """The largest document `build` makes that still parses under `max_tokens`."""
    low, high = 1, 4096
    while low < high:
        middle = (low + high + 1) // 2
        if parses(build(middle), max_tokens):
            low = middle
        else:
            high = middle - 1
    return build(low)


def attack(name: str) -> str:
    """The document of the attack named `name` in `ATTACKS`."""
    build, size = ATTACKS[name]
    return largest(build) if size is None else build(size)


def admit(
    document: str, limits: OperationLimits = DEFAULT_LIMITS
) -> list[GraphQLError]:
    """Parse, validate and cost `document` as a request without variables would."""
    graphql_schema = schema._schema
    try:
        parsed = parse(document, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        return [error]
    errors = validate_document(
        graphql_schema,
        parsed,
        validation_rules(limits),
        hide_suggestions=not limits.suggestions,
    )
    operation = get_operation_ast(parsed)
    if errors or operation is None:
        return errors
    variables = get_variable_values(
        graphql_schema, operation.variable_definitions or (), {}
    )
    if isinstance(variables, list):
        return variables
    cost = operation_cost(graphql_schema, parsed, operation, variables)
    if cost > limits.max_cost:
        return [
            GraphQLError(f"query cost {cost} exceeds the budget of {limits.max_cost}")
        ]
    return []


def median_seconds(document: str, runs: int) -> float:
    """The median CPU time of `runs` admissions of `document` (CPU time, not wall
    time: the machine may be shared)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        admit(document)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    """Print each attack's median admission time and the worst of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    worst = 0.0
    for name in ATTACKS:
        document = attack(name)
        seconds = median_seconds(document, runs)
        worst = max(worst, seconds)
        errors = admit(document)
        outcome = errors[0].message.splitlines()[0][:70] if errors else "valid"
        sys.stdout.write(
            f"{seconds * 1000:8.1f} ms  {len(document):5d} bytes  {name}: {outcome}\n"
        )
    sys.stdout.write(f"worst: {worst * 1000:.1f} ms\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
