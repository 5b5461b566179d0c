"""The fragments of a document in an order that lets each be measured once.

Measuring a spread by walking into its fragment again costs 2^n on a document
of doubling fragments (`fragment F1 on Book { ...F0 ...F0 }`, ...). Measured
in `dependency_order`, each fragment's measure is ready before any fragment
that spreads it, so a spread is a lookup. The walks here use explicit stacks:
a chain of a few hundred fragments must not exhaust Python's recursion limit.
"""

from collections.abc import Iterable, Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    """The fragment definitions of `document`, by name (the first of a name wins)."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            fragments.setdefault(definition.name.value, definition)
    return fragments


def spread_names(selection_set: SelectionSetNode) -> Iterator[str]:
    """The names of the fragments spread anywhere inside `selection_set`."""
    pending = [selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                yield selection.name.value
            elif (
                isinstance(selection, (FieldNode, InlineFragmentNode))
                and selection.selection_set is not None
            ):
                pending.append(selection.selection_set)


def dependency_order(
    fragments: dict[str, FragmentDefinitionNode],
    roots: Iterable[str] | None = None,
) -> list[FragmentDefinitionNode]:
    """Every fragment after the fragments it spreads; only those `roots` reach
    (themselves included) when `roots` are given.

    A spread of an unknown fragment is ignored; inside a cycle (which
    graphql-core's `NoFragmentCyclesRule` reports) one spread is necessarily
    met before its fragment is measured, and measures as nothing.
    """
    ordered: list[FragmentDefinitionNode] = []
    seen: set[str] = set()
    for root in fragments if roots is None else roots:
        if root in seen or root not in fragments:
            continue
        seen.add(root)
        stack = [(root, iter(set(spread_names(fragments[root].selection_set))))]
        while stack:
            name, spreads = stack[-1]
            spread = next(
                (s for s in spreads if s in fragments and s not in seen), None
            )
            if spread is None:
                stack.pop()
                ordered.append(fragments[name])
                continue
            seen.add(spread)
            stack.append(
                (spread, iter(set(spread_names(fragments[spread].selection_set))))
            )
    return ordered
