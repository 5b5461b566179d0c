"""Parse and validate each distinct document once: both cost more than running it.

Strawberry's own `ParserCache` raises parse errors from inside its hook, which
would bypass the error codes; `CachedParsing` leaves a document that fails to
parse to Strawberry, so the error is reported as usual. Both caches are
bounded; validation is keyed by the document, the rules and whether error
messages may suggest names.
"""

from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    parse,
    validate,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

DOCUMENTS_CACHED = 256

_parse = lru_cache(maxsize=DOCUMENTS_CACHED)(parse)


class CachedParsing(SchemaExtension):
    """Reuses the parse of a document seen before with the same parse options."""

    def on_parse(self) -> Iterator[None]:
        """Fill in the document from the cache; on a parse error, do nothing."""
        context = self.execution_context
        if context.query and context.graphql_document is None:
            with suppress(GraphQLError):
                context.graphql_document = _parse(
                    context.query, **context.parse_options
                )
        yield


def validate_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    *,
    hide_suggestions: bool,
) -> list[GraphQLError]:
    """The errors of `document` under `rules` and Strawberry's own rules.

    With `hide_suggestions`, messages do not offer "Did you mean ...?" names.
    """
    return validate(
        schema,
        document,
        (*rules, MaybeNullValidationRule, OneOfInputValidationRule),
        hide_suggestions=hide_suggestions,
    )


cached_validate_document = lru_cache(maxsize=DOCUMENTS_CACHED)(validate_document)
