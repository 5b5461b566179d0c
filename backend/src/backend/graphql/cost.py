"""What an operation will cost, computed from its document and variables before it runs.

The model (docs/security.md): each field costs 1. A connection field (its type
has `edges` and `pageInfo`) costs 1, plus its list fields (`edges`) times its
page size (`first`/`last`, else the default page size), plus its other fields
once; its `totalCount` costs a COUNT, and a search (`filter: {q: ...}`) costs
more, once for the page and once more for the COUNT. Other list fields taking
a list argument (`nodes(ids:)`) cost their selection once per element. Each
root mutation field costs a write. Page sizes and list lengths count at most
`MAX_PAGE_SIZE`: fields refuse more. Nested connections multiply.

Each fragment is costed once (`fragments.dependency_order`); `@skip` and
`@include` are honoured. Arguments are coerced as execution would coerce
them, so a bad argument is found here, before anything runs.
"""

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLIncludeDirective,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_list_type,
)
from graphql.execution.values import (
    VariableValues,
    get_argument_values,
    get_directive_values,
)

from backend.graphql.fragments import dependency_order, fragments_of, spread_names
from backend.paging.pager import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

FIELD_COST = 1
COUNT_COST = 50
SEARCH_COST = 250
WRITE_COST = 10


@dataclass(frozen=True, slots=True)
class Cost:
    """The cost of a selection: paid once, per item of a connection's page, and
    the `totalCount`s (whose price depends on the connection's search)."""

    once: int = 0
    per_item: int = 0
    counts: int = 0

    def __add__(self, other: "Cost") -> "Cost":
        """Both selections' costs."""
        return Cost(
            self.once + other.once,
            self.per_item + other.per_item,
            self.counts + other.counts,
        )

    @property
    def flat(self) -> int:
        """The cost of the selection outside any connection."""
        return self.once + self.per_item + self.counts * COUNT_COST


def is_connection(type_: GraphQLNamedType | None) -> bool:
    """Whether `type_` is a Relay connection type (it has `edges` and `pageInfo`)."""
    return (
        isinstance(type_, GraphQLObjectType)
        and "edges" in type_.fields
        and "pageInfo" in type_.fields
    )


def _page_size(args: dict[str, Any]) -> int:
    sizes = [args.get(name) for name in ("first", "last")]
    given = [size for size in sizes if isinstance(size, int)]
    if not given:
        return DEFAULT_PAGE_SIZE
    return min(max(*given, 0), MAX_PAGE_SIZE)


def _search_cost(args: dict[str, Any]) -> int:
    search = args.get("filter")
    query = search.get("q") if isinstance(search, dict) else None
    return SEARCH_COST if isinstance(query, str) and query.strip() else 0


def _list_length(args: dict[str, Any]) -> int:
    lengths = (len(value) for value in args.values() if isinstance(value, list))
    return min(max(lengths, default=1), MAX_PAGE_SIZE)


def _connection_cost(args: dict[str, Any], inner: Cost) -> int:
    search = _search_cost(args)
    return (
        FIELD_COST
        + search
        + inner.once
        + inner.counts * (COUNT_COST + search)
        + _page_size(args) * inner.per_item
    )


class _Costing:
    """Costs the selections of one operation, with its coerced variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        variables: VariableValues,
        *,
        hide_suggestions: bool,
    ) -> None:
        self._schema = schema
        self._variables = variables
        self._hide_suggestions = hide_suggestions
        self.fragments: dict[str, Cost] = {}

    def included(self, node: SelectionNode) -> bool:
        """Whether `@skip`/`@include` keep `node` (coercing their `if`)."""
        if not node.directives:
            return True
        skip, include = (
            get_directive_values(
                directive,
                node,
                self._variables,
                hide_suggestions=self._hide_suggestions,
            )
            for directive in (GraphQLSkipDirective, GraphQLIncludeDirective)
        )
        return not (skip and skip["if"]) and (include is None or include["if"])

    def selection(
        self, selection_set: SelectionSetNode, parent: GraphQLCompositeType
    ) -> Cost:
        """The cost of `selection_set` on `parent`."""
        cost = Cost()
        for node in selection_set.selections:
            if not self.included(node):
                continue
            if isinstance(node, FieldNode):
                cost += self.field(node, parent)
            elif isinstance(node, FragmentSpreadNode):
                cost += self.fragments.get(node.name.value, Cost())
            elif isinstance(node, InlineFragmentNode):
                cost += self.selection(node.selection_set, self.condition(node, parent))
        return cost

    def condition(
        self,
        node: InlineFragmentNode | FragmentDefinitionNode,
        parent: GraphQLCompositeType,
    ) -> GraphQLCompositeType:
        """The type a fragment's selection applies to."""
        if node.type_condition is None:
            return parent
        type_ = self._schema.get_type(node.type_condition.name.value)
        return type_ if is_composite_type(type_) else parent  # type: ignore[return-value]

    def field(self, node: FieldNode, parent: GraphQLCompositeType) -> Cost:
        """The cost of one field of `parent`, its selection included."""
        field = self._schema.get_field(parent, node.name.value)
        if field is None:
            return Cost(once=FIELD_COST)
        args = get_argument_values(
            field, node, self._variables, hide_suggestions=self._hide_suggestions
        )
        named = get_named_type(field.type)
        inner = Cost()
        if node.selection_set is not None and is_composite_type(named):
            inner = self.selection(node.selection_set, named)  # type: ignore[arg-type]
        write = WRITE_COST if parent is self._schema.mutation_type else 0
        if is_connection(named):
            return Cost(once=write + _connection_cost(args, inner))
        if is_connection(parent):
            if node.name.value == "totalCount":
                return Cost(counts=1)
            if is_list_type(get_nullable_type(field.type)):
                return Cost(once=FIELD_COST, per_item=inner.flat)
        return Cost(once=write + FIELD_COST + _list_length(args) * inner.flat)


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: VariableValues,
    *,
    hide_suggestions: bool = False,
) -> int:
    """The cost of running `operation` of a validated `document` with `variables`.

    Raises:
        GraphQLError: an argument (or a directive's) does not coerce to its
            type with these variables, as execution would raise it.
    """
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    costing = _Costing(schema, variables, hide_suggestions=hide_suggestions)
    fragments = fragments_of(document)
    roots = spread_names(operation.selection_set)
    for fragment in dependency_order(fragments, roots):
        costing.fragments[fragment.name.value] = costing.selection(
            fragment.selection_set, costing.condition(fragment, root)
        )
    return costing.selection(operation.selection_set, root).flat
