"""GraphQL input types for books: what a client sends to create, change and list."""

from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum
from typing import cast

import strawberry

from backend.apps.books.services import BookFields, BookFilter, BookSort
from backend.apps.books.validation import NewBook, check_filter_text
from backend.kit.fields import sent_values


@strawberry.input(
    name="BookInput",
    description="A new book; the ISBN may be ISBN-10 or ISBN-13, with hyphens.",
)
class BookInput(NewBook):
    """The fields of a new book (`NewBook`'s)."""

    def to_fields(self) -> BookFields:
        """The input as service fields."""
        return cast("BookFields", asdict(self))


@strawberry.input(
    name="BookPatchInput",
    description="A partial change: only the fields sent are changed.",
)
@dataclass
class BookPatchInput:
    """Fields of a book to change; absent ones stay as they are."""

    title: str | None = strawberry.UNSET
    author: str | None = strawberry.UNSET
    isbn: str | None = strawberry.UNSET
    published_on: date | None = strawberry.UNSET
    page_count: int | None = strawberry.UNSET

    def to_fields(self) -> BookFields:
        """The fields the client sent, as service fields (a null stays a null)."""
        return cast("BookFields", sent_values(asdict(self), unset=strawberry.UNSET))


@strawberry.input(
    name="BookFilter",
    description="Filters of a book listing, all optional: `q` matches words in the "
    "title or author, `author` the author's exact name (any case), "
    "`publishedAfter`/`publishedBefore` bound the publication day (inclusive).",
)
@dataclass
class BookFilterInput:
    """The REST listing's filters; omitted ones do not filter."""

    q: str | None = None
    author: str | None = None
    published_after: date | None = None
    published_before: date | None = None

    def to_filter(self) -> BookFilter:
        """The service's filter.

        Raises:
            InvalidFieldError: `q` or `author` is longer than 255 characters.
        """
        return BookFilter(
            q=check_filter_text("q", self.q),
            author=check_filter_text("author", self.author),
            published_after=self.published_after,
            published_before=self.published_before,
        )


@strawberry.enum(
    name="BookOrder",
    description="Orders of a book listing; ties are broken by id. "
    "Books without a publication date come last.",
)
class BookOrder(Enum):
    """The REST listing's sorts (`sort=`), one value each."""

    CREATED_AT = BookSort.CREATED_AT
    CREATED_AT_DESC = BookSort.CREATED_AT_DESC
    TITLE = BookSort.TITLE
    TITLE_DESC = BookSort.TITLE_DESC
    PUBLISHED_ON = BookSort.PUBLISHED_ON
    PUBLISHED_ON_DESC = BookSort.PUBLISHED_ON_DESC

    @property
    def sort(self) -> BookSort:
        """The service's sort."""
        return BookSort(self.value)
