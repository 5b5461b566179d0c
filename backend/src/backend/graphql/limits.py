"""Limits on what one GraphQL document may ask for, read from the app's settings.

The schema exists once per process while each app has its own settings, so the
limits travel in the request's context and are applied per operation: the
token limit while parsing, depth, aliases and introspection while validating
(each linear in the document, `shape.py`), and, once the variables are known
and before any resolver runs, their coercion and the cost budget (`cost.py`).
A cost is kept per document, operation and variables (`caching.py`), like the
validation: it depends on nothing else.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Self

import msgspec
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    get_operation_ast,
    specified_rules,
)
from graphql.execution.values import get_variable_values
from graphql.validation import OverlappingFieldsCanBeMergedRule
from strawberry.extensions import DisableIntrospection, SchemaExtension

from backend.graphql.caching import (
    DOCUMENTS_CACHED,
    SameDocument,
    cached_validate_document,
)
from backend.graphql.cost import operation_cost
from backend.graphql.errors import ErrorCode, query_too_complex, with_code
from backend.graphql.shape import BoundedOverlapRule, shape_rule
from backend.settings import Settings, get_settings

# Costs are kept for variables up to this long (encoded), so the cache stays
# small whatever clients send.
VARIABLES_CACHED_BYTES = 2048


@dataclass(frozen=True, slots=True)
class OperationLimits:
    """How deep, aliased, long and costly a document may be, whether it may
    introspect, and whether error messages may suggest names."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    max_cost: int
    introspection: bool
    suggestions: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        """The limits `settings` configure (`GRAPHQL_*`); no suggestions in
        production."""
        return cls(
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_tokens=settings.graphql_max_tokens,
            max_cost=settings.graphql_max_cost,
            introspection=settings.graphql_introspection_enabled,
            suggestions=not settings.is_production,
        )


class EnforceOperationLimits(SchemaExtension):
    """Applies the context's `OperationLimits` to the operation.

    A document with too many tokens fails to parse; one too deep, with too
    many aliases or (when introspection is off) asking for `__schema` or
    `__type` fails validation; variables or arguments that do not coerce are
    `BAD_USER_INPUT`, and an operation over the cost budget is
    `QUERY_TOO_COMPLEX`. Either way nothing is resolved. Without limits in
    the context, the environment's settings apply.
    """

    limits: OperationLimits

    def on_operation(self) -> Iterator[None]:
        """Read the limits and set the parser's token limit."""
        limits = getattr(self.execution_context.context, "limits", None)
        if not isinstance(limits, OperationLimits):
            limits = OperationLimits.from_settings(get_settings())
        self.limits = limits
        self.execution_context.parse_options["max_tokens"] = limits.max_tokens
        yield

    def on_validate(self) -> Iterator[None]:
        """Validate with graphql-core's rules and the limits' (cached).

        This replaces Strawberry's validation step: rules that other extensions
        add to the execution context are not applied.
        """
        context = self.execution_context
        if context.graphql_document is not None:
            context.pre_execution_errors = cached_validate_document(
                context.schema._schema,
                context.graphql_document,
                validation_rules(self.limits),
                hide_suggestions=not self.limits.suggestions,
            )
        yield

    def on_execute(self) -> Iterator[None]:
        """Refuse the operation, before it runs, if its inputs or cost are bad."""
        errors = self._refusal()
        if errors:
            self.execution_context.result = ExecutionResult(data=None, errors=errors)
        yield

    def _refusal(self) -> list[GraphQLError]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            return []
        schema = context.schema._schema
        hide = not self.limits.suggestions
        try:
            key = variables_key(context.variables)
            if key is None:
                cost = _cost(
                    schema,
                    document,
                    context.operation_name,
                    context.variables or {},
                    hide_suggestions=hide,
                )
            else:
                cost = _cached_cost(
                    schema,
                    SameDocument(document),
                    context.operation_name,
                    key,
                    hide_suggestions=hide,
                )
        except _InputsRefusedError as refused:
            return refused.errors
        if cost > self.limits.max_cost:
            return [query_too_complex(cost, self.limits.max_cost)]
        return []


class _InputsRefusedError(Exception):
    """Variables or arguments that do not coerce, as `BAD_USER_INPUT` errors."""

    def __init__(self, errors: list[GraphQLError]) -> None:
        super().__init__(errors)
        self.errors = errors


def variables_key(variables: Mapping[str, object] | None) -> bytes | None:
    """`variables` as a cache key (sorted JSON), or None when JSON cannot carry
    them unchanged (a value of another type, a NaN) or they are too long to
    keep (`VARIABLES_CACHED_BYTES`)."""
    values = dict(variables or {})
    try:
        key = msgspec.json.encode(values, order="sorted")
    except (msgspec.EncodeError, TypeError, ValueError, OverflowError):
        return None
    if len(key) > VARIABLES_CACHED_BYTES:
        return None
    return key if msgspec.json.decode(key) == values else None


def _cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    raw_variables: dict[str, Any],
    *,
    hide_suggestions: bool,
) -> int:
    """The cost of the operation, once its variables and arguments coerce.

    Raises:
        _InputsRefusedError: a variable or an argument does not coerce.
    """
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    variables = get_variable_values(
        schema,
        operation.variable_definitions or (),
        raw_variables,
        hide_suggestions=hide_suggestions,
    )
    if isinstance(variables, list):
        raise _InputsRefusedError(
            [with_code(error, ErrorCode.BAD_USER_INPUT) for error in variables]
        )
    try:
        return operation_cost(
            schema, document, operation, variables, hide_suggestions=hide_suggestions
        )
    except GraphQLError as error:
        raise _InputsRefusedError(
            [with_code(error, ErrorCode.BAD_USER_INPUT)]
        ) from error


@lru_cache(maxsize=DOCUMENTS_CACHED)
def _cached_cost(
    schema: GraphQLSchema,
    document: SameDocument,
    operation_name: str | None,
    variables: bytes,
    *,
    hide_suggestions: bool,
) -> int:
    """`_cost` once per document, operation and variables (a refusal is not kept).

    Raises:
        _InputsRefusedError: a variable or an argument does not coerce.
    """
    return _cost(
        schema,
        document.document,
        operation_name,
        msgspec.json.decode(variables),
        hide_suggestions=hide_suggestions,
    )


@cache
def validation_rules(limits: OperationLimits) -> tuple[type[ASTValidationRule], ...]:
    """graphql-core's rules and those of `limits`, built once per set of limits."""
    rules = [
        *(
            BoundedOverlapRule if rule is OverlappingFieldsCanBeMergedRule else rule
            for rule in specified_rules
        ),
        shape_rule(max_depth=limits.max_depth, max_aliases=limits.max_aliases),
    ]
    if not limits.introspection:
        rules.extend(DisableIntrospection().validation_rules)
    return tuple(rules)
