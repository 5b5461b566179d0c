"""How deep and how aliased a document is, measured in one pass over it.

Strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter` walk into a fragment
at every spread, which costs 2^n on doubling fragments. Here each fragment is
measured once (`fragments.dependency_order`) and a spread adds its measure.
The depth and alias counts, and the error messages, are Strawberry's:
introspection fields (`__schema`, `__type`) add no depth; every alias counts,
as often as the fragment holding it is spread.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from graphql import (
    SKIP,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VisitorAction,
)
from graphql.validation import OverlappingFieldsCanBeMergedRule
from graphql.validation.validate import ValidationAbortedError

from backend.graphql.fragments import dependency_order, fragments_of

# graphql-core's overlap check is quadratic in the fields sharing a response
# name (`{ books { totalCount totalCount ... } }`) and gives up once it has
# spent its budget: 500 000 steps by default, over a second here. A step
# costs up to about 1.2 us of CPU here, so 15 000 steps stay near 20 ms on the
# worst document the token limit lets through, while 30 fragments of 8 fields
# spread on one node (Relay fragment colocation) spend 11 460, two fields
# (`id` and one more) repeated 40 times 3 120, and the frontend's documents
# all together 13.
OVERLAP_BUDGET = 15_000
OVERLAP_BUDGET_SPENT = (
    "the document has too many overlapping fields to compare "
    f"(more than {OVERLAP_BUDGET} comparison steps); "
    "select repeated fields and fragments fewer times"
)


class BoundedOverlapRule(OverlappingFieldsCanBeMergedRule):
    """graphql-core's `OverlappingFieldsCanBeMergedRule`, aborting validation
    with `OVERLAP_BUDGET_SPENT` after `OVERLAP_BUDGET` steps."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.rule_context.remaining_complexity_budget = OVERLAP_BUDGET

    def enter_selection_set(
        self,
        selection_set: SelectionSetNode,
        _key: object,
        parent: object,
        *_args: object,
    ) -> None:
        """Check the selection set; name the limit when the budget runs out.

        Raises:
            ValidationAbortedError: the budget is spent (validation stops).
        """
        try:
            super().enter_selection_set(selection_set, _key, parent, *_args)
        except ValidationAbortedError:
            if self.rule_context.remaining_complexity_budget >= 0:
                raise
            raise ValidationAbortedError(OVERLAP_BUDGET_SPENT) from None


@dataclass(frozen=True, slots=True)
class Shape:
    """The depth of a selection (0 for leaves only) and the aliases in it."""

    depth: int = 0
    aliases: int = 0

    def beside(self, other: "Shape") -> "Shape":
        """The shape of two selections side by side."""
        return Shape(max(self.depth, other.depth), self.aliases + other.aliases)


def _field_shape(field: FieldNode, fragments: Mapping[str, Shape]) -> Shape:
    aliases = 1 if field.alias is not None else 0
    if field.selection_set is None:
        return Shape(0, aliases)
    inner = selection_shape(field.selection_set, fragments)
    depth = 0 if field.name.value.startswith("__") else inner.depth + 1
    return Shape(depth, inner.aliases + aliases)


def selection_shape(
    selection_set: SelectionSetNode, fragments: Mapping[str, Shape]
) -> Shape:
    """The shape of `selection_set`, given the shapes of the fragments it spreads.

    A spread of a fragment missing from `fragments` (unknown, or cut out of
    a cycle) counts as empty: validation reports those documents anyway.
    """
    shape = Shape()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            shape = shape.beside(_field_shape(selection, fragments))
        elif isinstance(selection, FragmentSpreadNode):
            shape = shape.beside(fragments.get(selection.name.value, Shape()))
        elif isinstance(selection, InlineFragmentNode):
            shape = shape.beside(selection_shape(selection.selection_set, fragments))
    return shape


def operation_shapes(document: DocumentNode) -> dict[OperationDefinitionNode, Shape]:
    """The shape of each operation of `document`, each fragment measured once."""
    fragments: dict[str, Shape] = {}
    for fragment in dependency_order(fragments_of(document)):
        fragments[fragment.name.value] = selection_shape(
            fragment.selection_set, fragments
        )
    return {
        definition: selection_shape(definition.selection_set, fragments)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    }


def shape_errors(
    document: DocumentNode, *, max_depth: int, max_aliases: int
) -> Iterator[GraphQLError]:
    """An error for each operation deeper than `max_depth`, and one when the
    operations hold more than `max_aliases` aliases in all."""
    shapes = operation_shapes(document)
    for operation, shape in shapes.items():
        if shape.depth > max_depth:
            name = operation.name.value if operation.name else "anonymous"
            yield GraphQLError(
                f"'{name}' exceeds maximum operation depth of {max_depth}", operation
            )
    aliases = sum(shape.aliases for shape in shapes.values())
    if aliases > max_aliases:
        yield GraphQLError(f"{aliases} aliases found. Allowed: {max_aliases}")


@cache
def shape_rule(*, max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """A validation rule refusing documents too deep or with too many aliases.

    Built once per pair of limits, so that validation results can be cached.
    """

    class OperationShapeRule(ValidationRule):
        """Reports `shape_errors` once, for the whole document."""

        def enter_document(self, node: DocumentNode, *_args: object) -> VisitorAction:
            """Measure the document, report its errors, skip its nodes."""
            for error in shape_errors(
                node, max_depth=max_depth, max_aliases=max_aliases
            ):
                self.report_error(error)
            return SKIP

    return OperationShapeRule
