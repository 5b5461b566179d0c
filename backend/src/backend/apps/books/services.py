"""Book use cases: validation, persistence and keyset listing; no transport types."""

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from advanced_alchemy.exceptions import (
    ErrorMessages,
    NotFoundError,
    wrap_sqlalchemy_exception,
)
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from sqlalchemy import ColumnElement, Executable, false, func, or_, select, update

from backend.apps.books.models import BookModel
from backend.apps.books.validation import BOOK_FIELDS
from backend.errors import InvalidFieldError
from backend.kit.isbns import normalize_isbn
from backend.kit.services import KeysetListMixin, Listing, keyset_sorts


@dataclass
class BookRecord:
    """A book; `isbn` is its normalised ISBN-13."""

    id: int
    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None
    review_count: int
    average_rating: float | None
    created_at: datetime
    updated_at: datetime


__all__ = (
    "SEARCH_MAX_LENGTH",
    "SEARCH_MIN_RUN",
    "SEARCH_TOO_LONG",
    "SEARCH_TOO_SHORT",
    "BookFilter",
    "BookListQuery",
    "BookRecord",
    "BookService",
    "BookSort",
)


@keyset_sorts(BookModel)
class BookSort(StrEnum):
    """Supported orders; a leading `-` means descending."""

    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    TITLE = "title"
    TITLE_DESC = "-title"
    PUBLISHED_ON = "published_on"
    PUBLISHED_ON_DESC = "-published_on"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# The trigram indexes find `ILIKE '%text%'` by the three-character runs of
# letters or digits in `text`; a search without one would read every row.
SEARCH_MIN_RUN = 3
SEARCH_RUN = re.compile(rf"[^\W_]{{{SEARCH_MIN_RUN}}}")
SEARCH_TOO_SHORT = (
    f"q must contain at least {SEARCH_MIN_RUN} letters or digits in a row"
)
# Each trigram of a search is one more index lookup: on 200 000 rows the
# planner gives up the indexes for a sequential scan at about 150 characters
# of random text (docs/security.md). Searches stop well before.
SEARCH_MAX_LENGTH = 64
SEARCH_TOO_LONG = f"q must be at most {SEARCH_MAX_LENGTH} characters"


def check_search(q: str) -> str:
    """Return `q` once the search indexes can serve it.

    Raises:
        InvalidFieldError: on `q` when it is longer than `SEARCH_MAX_LENGTH`
            or holds no run of `SEARCH_MIN_RUN` letters or digits.
    """
    if len(q) > SEARCH_MAX_LENGTH:
        raise InvalidFieldError("q", SEARCH_TOO_LONG)
    if not SEARCH_RUN.search(q):
        raise InvalidFieldError("q", SEARCH_TOO_SHORT)
    return q


def search_clause(q: str) -> ColumnElement[bool]:
    """Books whose title or author holds `q`, or whose ISBN `q` spells.

    What the admin's search box finds; each part is served by an index. A
    search the `q` rules refuse (`check_search`) finds no book.
    """
    try:
        clauses = BookFilter(q=check_search(q)).clauses()
    except InvalidFieldError:
        return false()
    with suppress(InvalidFieldError):
        clauses.append(BookModel.isbn == normalize_isbn(q, field="q"))
    return or_(*clauses)


@dataclass(frozen=True, slots=True)
class BookFilter:
    """Filters of a book listing; `None` (or an empty `q`) means "not filtered".

    Every filter is served by an index: `q` by the trigram indexes, `author`
    by the index on `lower(author)`, the dates by the index on
    `published_on`.

    Raises:
        InvalidFieldError: on `q` when it is set but is longer than
            `SEARCH_MAX_LENGTH` or holds no run of `SEARCH_MIN_RUN` letters
            or digits: the search indexes serve neither.
    """

    q: str | None = None
    author: str | None = None
    published_after: date | None = None
    published_before: date | None = None

    def __post_init__(self) -> None:
        if self.q:
            check_search(self.q)

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for the filters that are set."""
        clauses: list[ColumnElement[bool]] = []
        if self.q:
            pattern = f"%{_escape_like(self.q)}%"
            clauses.append(
                or_(BookModel.title.ilike(pattern), BookModel.author.ilike(pattern))
            )
        if self.author:
            clauses.append(func.lower(BookModel.author) == self.author.lower())
        if self.published_after is not None:
            clauses.append(BookModel.published_on >= self.published_after)
        if self.published_before is not None:
            clauses.append(BookModel.published_on <= self.published_before)
        return clauses


@dataclass(frozen=True)
class BookListQuery(Listing[BookSort, BookFilter]):
    """What a listing shows: its filters and its order. Cursors are bound to it."""

    filter: BookFilter = BookFilter()
    sort: BookSort = BookSort.CREATED_AT_DESC


class BookService(KeysetListMixin[BookModel, BookRecord]):
    """Create, change, remove and list books; every write goes through the
    rules of `BOOK_FIELDS` (`create_item`, `update_item`, `delete_by_id`)."""

    class Repo(SQLAlchemyAsyncRepository[BookModel]):
        """Book persistence with client-safe error messages."""

        model_type = BookModel
        error_messages = ErrorMessages(
            duplicate_key="A book with this ISBN already exists.",
            not_found="Book not found.",
        )

    repository_type = Repo
    record_type = BookRecord
    fields = BOOK_FIELDS

    async def lock_for_reviews(self, book_id: int) -> None:
        """Lock the book's row until the transaction ends, before its reviews:
        review writes and book deletions then always lock in that order.

        Raises:
            NotFoundError: no book has this id.
        """
        statement = (
            select(BookModel.id)
            .where(BookModel.id == book_id)
            .with_for_update(key_share=True)
        )
        await self._found(statement)

    async def count_reviews(self, book_id: int, *, reviews: int, ratings: int) -> None:
        """Add `reviews` to the book's review count and `ratings` to its rating
        sum, in the caller's transaction (the row stays locked until it ends).

        Raises:
            NotFoundError: no book has this id.
        """
        statement = (
            update(BookModel)
            .where(BookModel.id == book_id)
            .values(
                review_count=BookModel.review_count + reviews,
                rating_sum=BookModel.rating_sum + ratings,
            )
            .returning(BookModel.id)
        )
        await self._found(statement)

    async def _found(self, statement: Executable) -> None:
        with wrap_sqlalchemy_exception(
            error_messages=self.repository.error_messages, dialect_name="postgresql"
        ):
            found = await self.repository.session.scalar(statement)
        if found is None:
            raise NotFoundError(detail="Book not found.")
