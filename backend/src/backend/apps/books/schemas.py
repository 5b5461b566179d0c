"""REST bodies and list parameters for books (msgspec); JSON names are snake_case.

The service checks every rule; the limits the field declarations state
(`validation.BOOK_FIELDS`) appear in the OpenAPI document, so a client can
check before sending, and stop an oversized value before it is decoded further.
"""

from datetime import date
from typing import Annotated

import msgspec
from litestar.params import FromQuery, QueryParameter

from backend.apps.books.services import (
    SEARCH_MAX_LENGTH,
    SEARCH_MIN_RUN,
    BookFilter,
    BookListQuery,
    BookRecord,
    BookSort,
)
from backend.apps.books.validation import (
    AUTHOR,
    FILTER_TEXT_MAX_LENGTH,
    ISBN,
    PAGE_COUNT,
    TITLE,
)
from backend.kit.rest import BodyFields
from backend.kit.text import NO_NUL_PATTERN

Title = Annotated[str, TITLE.meta]
Author = Annotated[str, AUTHOR.meta]
Isbn = Annotated[str, ISBN.meta]
PageCount = Annotated[int, PAGE_COUNT.meta]


class BookRead(BookRecord):
    """A stored book."""


class BookCreate(msgspec.Struct, BodyFields, forbid_unknown_fields=True):
    """A new book; the ISBN may be ISBN-10 or ISBN-13, with hyphens or spaces."""

    title: Title
    author: Author
    isbn: Isbn
    published_on: date | None = None
    page_count: PageCount | None = None


class BookUpdate(msgspec.Struct, BodyFields, forbid_unknown_fields=True):
    """A partial change: only the fields present are changed."""

    title: Title | msgspec.UnsetType = msgspec.UNSET
    author: Author | msgspec.UnsetType = msgspec.UNSET
    isbn: Isbn | msgspec.UnsetType = msgspec.UNSET
    published_on: date | msgspec.UnsetType | None = msgspec.UNSET
    page_count: PageCount | msgspec.UnsetType | None = msgspec.UNSET


FilterText = Annotated[
    str | None,
    QueryParameter(max_length=FILTER_TEXT_MAX_LENGTH, pattern=NO_NUL_PATTERN),
]
# The rule "a run of 3 letters or digits" is Unicode on the server (é, 日
# and Arabic-Indic digits count); JSON Schema validators read `\w` as ASCII,
# so no pattern states it portably: the description does (docs/reliability.md).
Search = Annotated[
    str | None,
    QueryParameter(
        description="Text found in the title or the author (any case); it must "
        f"contain at least {SEARCH_MIN_RUN} letters or digits (any script) in "
        "a row. Empty means no search.",
        max_length=SEARCH_MAX_LENGTH,
        pattern=NO_NUL_PATTERN,
    ),
]


def book_list_query(
    *,
    q: Search = None,
    author: FilterText = None,
    published_after: FromQuery[date | None] = None,
    published_before: FromQuery[date | None] = None,
    sort: FromQuery[BookSort] = BookSort.CREATED_AT_DESC,
) -> BookListQuery:
    """The listing the query string asks for: its filters and `sort`.

    Raises:
        InvalidFieldError: on `q`, when the search indexes cannot serve it.
    """
    return BookListQuery(
        filter=BookFilter(q, author, published_after, published_before), sort=sort
    )
