"""Parse and validate each distinct document once: both cost more than running it.

Strawberry's own `ParserCache` raises parse errors from inside its hook, which
would bypass the error codes; `CachedParsing` leaves a document that fails to
parse to Strawberry, so the error is reported as usual. Both caches are
bounded; validation is keyed by the document and the app's limit rules.
"""

from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension, ValidationCache

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


def cached_validation() -> ValidationCache:
    """Strawberry's validation cache, bounded like the parse cache."""
    return ValidationCache(maxsize=DOCUMENTS_CACHED)
