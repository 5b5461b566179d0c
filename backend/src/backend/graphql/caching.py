"""Parse and validate each distinct document once: both cost more than running it.

Strawberry's own `ParserCache` raises parse errors from inside its hook, which
would bypass the error codes; `CachedParsing` leaves a document that fails to
parse to Strawberry, so the error is reported as usual. Both caches are
bounded; validation is keyed by the document, the rules and whether error
messages may suggest names.

A document is a cache key by identity (`SameDocument`): graphql-core hashes an
AST node by walking all of it, on every lookup, which cost a large document
more than the rest of its validation step. The parse cache hands out the same
object for the same text, so a document seen before is found; an equal
document parsed again is a miss and is validated again.
"""

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True, eq=False)
class SameDocument:
    """A document as a cache key: equal only to itself, hashed by identity.

    The key holds the document, so its identity is not reused while cached.
    """

    document: DocumentNode

    def __hash__(self) -> int:
        """The document's identity."""
        return id(self.document)

    def __eq__(self, other: object) -> bool:
        """Whether `other` keys the very same document."""
        return isinstance(other, SameDocument) and other.document is self.document


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


@lru_cache(maxsize=DOCUMENTS_CACHED)
def _validate_same(
    schema: GraphQLSchema,
    document: SameDocument,
    rules: tuple[type[ASTValidationRule], ...],
    *,
    hide_suggestions: bool,
) -> list[GraphQLError]:
    return validate_document(
        schema, document.document, rules, hide_suggestions=hide_suggestions
    )


def cached_validate_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    *,
    hide_suggestions: bool,
) -> list[GraphQLError]:
    """`validate_document`, once per document (by identity), rules and setting."""
    return _validate_same(
        schema, SameDocument(document), rules, hide_suggestions=hide_suggestions
    )
