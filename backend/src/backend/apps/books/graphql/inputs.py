"""GraphQL input types for books: what a client sends to create, change and list."""

from dataclasses import dataclass
from datetime import date

import strawberry

from backend.apps.books.services import BookFilter, BookSort
from backend.apps.books.validation import NewBook, check_filter_text
from backend.kit.relay import InputFields


@strawberry.input(
    name="BookInput",
    description="A new book; the ISBN may be ISBN-10 or ISBN-13, with hyphens.",
)
class BookInput(NewBook, InputFields):
    """The fields of a new book (`NewBook`'s)."""


@strawberry.input(
    name="BookPatchInput",
    description="A partial change: only the fields sent are changed.",
)
@dataclass
class BookPatchInput(InputFields):
    """Fields of a book to change; absent ones stay as they are."""

    title: str | None = strawberry.UNSET
    author: str | None = strawberry.UNSET
    isbn: str | None = strawberry.UNSET
    published_on: date | None = strawberry.UNSET
    page_count: int | None = strawberry.UNSET


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


BookOrder = strawberry.enum(
    BookSort,
    name="BookOrder",
    description="Orders of a book listing; ties are broken by id. "
    "Books without a publication date come last.",
)
