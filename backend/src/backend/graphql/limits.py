"""Limits on what one GraphQL document may ask for, read from the app's settings.

The schema exists once per process while each app has its own settings, so the
limits travel in the request's context and are applied per operation with
Strawberry's own limiters' rules.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Self

from graphql import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from backend.settings import Settings, get_settings


@dataclass(frozen=True, slots=True)
class OperationLimits:
    """How deep, aliased and long a document may be, and whether it may introspect."""

    max_depth: int
    max_aliases: int
    max_tokens: int
    introspection: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Self:
        """The limits `settings` configure (`GRAPHQL_*`)."""
        return cls(
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_tokens=settings.graphql_max_tokens,
            introspection=settings.graphql_introspection_enabled,
        )


class EnforceOperationLimits(SchemaExtension):
    """Applies the context's `OperationLimits` to the operation.

    A document with too many tokens fails to parse; one too deep, with too
    many aliases or (when introspection is off) asking for `__schema` or
    `__type` fails validation. Either way nothing is resolved. Without
    limits in the context, the environment's settings apply.
    """

    def on_operation(self) -> Iterator[None]:
        """Set the parser's token limit and add the validation rules."""
        limits = getattr(self.execution_context.context, "limits", None)
        if not isinstance(limits, OperationLimits):
            limits = OperationLimits.from_settings(get_settings())
        self.execution_context.parse_options["max_tokens"] = limits.max_tokens
        self.execution_context.validation_rules = (
            *self.execution_context.validation_rules,
            *_validation_rules(limits),
        )
        yield


@cache
def _validation_rules(limits: OperationLimits) -> tuple[type[ASTValidationRule], ...]:
    """The rules of `limits`, built once, so validation results can be cached."""
    limiters: list[AddValidationRules] = [
        QueryDepthLimiter(max_depth=limits.max_depth),
        MaxAliasesLimiter(max_alias_count=limits.max_aliases),
    ]
    if not limits.introspection:
        limiters.append(DisableIntrospection())
    return tuple(rule for limiter in limiters for rule in limiter.validation_rules)
