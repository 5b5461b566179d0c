"""REST bodies for books (msgspec); JSON names are snake_case."""

from datetime import date, datetime
from typing import Self, cast

import msgspec

from backend.apps.books.models import BookModel
from backend.apps.books.validation import BookFields


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
    def from_model(cls, book: BookModel) -> Self:
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

    title: str
    author: str
    isbn: str
    published_on: date | None = None
    page_count: int | None = None

    def to_fields(self) -> BookFields:
        """The body as service fields."""
        return cast("BookFields", msgspec.structs.asdict(self))


class BookUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A partial change: only the fields present are changed."""

    title: str | msgspec.UnsetType = msgspec.UNSET
    author: str | msgspec.UnsetType = msgspec.UNSET
    isbn: str | msgspec.UnsetType = msgspec.UNSET
    published_on: date | msgspec.UnsetType | None = msgspec.UNSET
    page_count: int | msgspec.UnsetType | None = msgspec.UNSET

    def to_fields(self) -> BookFields:
        """The fields the client sent, as service fields."""
        sent = {
            name: value
            for name, value in msgspec.structs.asdict(self).items()
            if value is not msgspec.UNSET
        }
        return cast("BookFields", sent)
