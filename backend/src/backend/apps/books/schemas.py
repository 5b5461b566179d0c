"""REST bodies for books (msgspec); JSON names are snake_case."""

from datetime import date, datetime
from typing import Annotated, Self, cast

import msgspec

from backend.apps.books.isbn import ISBN_INPUT_MAX_LENGTH
from backend.apps.books.models import (
    AUTHOR_MAX_LENGTH,
    PAGE_COUNT_MAX,
    TITLE_MAX_LENGTH,
)
from backend.apps.books.services import StoredBook
from backend.apps.books.validation import BookFields
from backend.kit.text import SINGLE_LINE_PATTERN

# The service checks every rule; these bounds and patterns state in the
# OpenAPI document what a client can check before sending, and stop an
# oversized value before it is decoded further.
ISBN_INPUT_MIN_LENGTH = 10  # an ISBN-10's digits
# 10 characters (the last may be X) or 13 digits from 978/979, hyphens and
# spaces anywhere: what a client can check; the check digit is the service's.
ISBN_PATTERN = (
    r"^[ -]*(?:(?:[0-9][ -]*){9}[0-9Xx]"
    r"|9[ -]*7[ -]*[89][ -]*(?:[0-9][ -]*){9}[0-9])[ -]*$"
)
_SINGLE_LINE = (
    "One line with a visible character: no control characters, line breaks or "
    "bidirectional overrides; invisible characters around it are trimmed."
)
Title = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=TITLE_MAX_LENGTH,
        pattern=SINGLE_LINE_PATTERN,
        description=_SINGLE_LINE,
    ),
]
Author = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=AUTHOR_MAX_LENGTH,
        pattern=SINGLE_LINE_PATTERN,
        description=_SINGLE_LINE,
    ),
]
Isbn = Annotated[
    str,
    msgspec.Meta(
        min_length=ISBN_INPUT_MIN_LENGTH,
        max_length=ISBN_INPUT_MAX_LENGTH,
        pattern=ISBN_PATTERN,
        description="ISBN-10 or ISBN-13 in digits 0-9 (and X); hyphens and "
        "spaces allowed.",
        examples=["978-0-441-17271-9"],
    ),
]
PageCount = Annotated[int, msgspec.Meta(ge=1, le=PAGE_COUNT_MAX)]


class BookRead(msgspec.Struct):
    """A stored book."""

    id: int
    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, book: StoredBook) -> Self:
        """Copy a stored book into its response body."""
        return cls(
            id=book.id,
            title=book.title,
            author=book.author,
            isbn=book.isbn,
            published_on=book.published_on,
            page_count=book.page_count,
            created_at=book.created_at,
            updated_at=book.updated_at,
        )


class BookCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new book; the ISBN may be ISBN-10 or ISBN-13, with hyphens or spaces."""

    title: Title
    author: Author
    isbn: Isbn
    published_on: date | None = None
    page_count: PageCount | None = None

    def to_fields(self) -> BookFields:
        """The body as service fields."""
        return cast("BookFields", msgspec.structs.asdict(self))


class BookUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial change: only the fields present are changed."""

    title: Title | msgspec.UnsetType = msgspec.UNSET
    author: Author | msgspec.UnsetType = msgspec.UNSET
    isbn: Isbn | msgspec.UnsetType = msgspec.UNSET
    published_on: date | msgspec.UnsetType | None = msgspec.UNSET
    page_count: PageCount | msgspec.UnsetType | None = msgspec.UNSET

    def to_fields(self) -> BookFields:
        """The fields the client sent, as service fields."""
        sent = {
            name: value
            for name, value in msgspec.structs.asdict(self).items()
            if value is not msgspec.UNSET
        }
        return cast("BookFields", sent)
