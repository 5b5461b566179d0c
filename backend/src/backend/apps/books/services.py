"""Book use cases: validation, persistence and keyset listing; no transport types."""

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

import msgspec
from advanced_alchemy.exceptions import ErrorMessages, wrap_sqlalchemy_exception
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import ColumnElement, Select, false, func, or_, select

from backend.apps.books.isbn import normalize_isbn
from backend.apps.books.models import BookModel
from backend.apps.books.validation import BookFields, clean_book_fields
from backend.errors import InvalidFieldError
from backend.kit.row_writes import delete_row, lock_row
from backend.paging.keyset import KeysetPage, Position, SortOrder, page, seek


class StoredBook(Protocol):
    """What a stored book reads as: a `BookModel` or a `BookRecord`."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def isbn(self) -> str: ...
    @property
    def published_on(self) -> date | None: ...
    @property
    def page_count(self) -> int | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


class BookRecord(msgspec.Struct, frozen=True):
    """A stored book read as plain columns: listings skip ORM object loading."""

    id: int
    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None
    created_at: datetime
    updated_at: datetime


_RECORD_COLUMNS = [getattr(BookModel, name) for name in BookRecord.__struct_fields__]


__all__ = (
    "SEARCH_MAX_LENGTH",
    "SEARCH_MIN_RUN",
    "SEARCH_TOO_LONG",
    "SEARCH_TOO_SHORT",
    "BookFields",
    "BookFilter",
    "BookListQuery",
    "BookRecord",
    "BookService",
    "BookSort",
    "StoredBook",
)


class BookSort(StrEnum):
    """Supported orders; a leading `-` means descending."""

    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    TITLE = "title"
    TITLE_DESC = "-title"
    PUBLISHED_ON = "published_on"
    PUBLISHED_ON_DESC = "-published_on"

    @property
    def order(self) -> SortOrder:
        """The keyset order behind this sort."""
        return _ORDERS[self]


def _order(sort: BookSort) -> SortOrder:
    name = sort.value.removeprefix("-")
    return SortOrder(
        name=sort.value,
        column=getattr(BookModel, name),
        id_column=BookModel.id,
        descending=sort.value.startswith("-"),
        nulls_last=name == "published_on",
    )


_ORDERS = {sort: _order(sort) for sort in BookSort}


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
# A filtered page reads at least this many rows. For a page of one or two the
# planner, which expects a search or an unknown author to match a few rows,
# prefers walking the sort index until it meets them: when nothing matches,
# that reads every row. Asked for 20, it looks them up in the filter's index.
FILTERED_MIN_FETCH = 20


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
        clauses.append(BookModel.isbn == normalize_isbn(q))
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


@dataclass(frozen=True, slots=True)
class BookListQuery:
    """What a listing shows: its filters and its order. Cursors are bound to it."""

    filter: BookFilter = BookFilter()
    sort: BookSort = BookSort.CREATED_AT_DESC


class BookService(SQLAlchemyAsyncRepositoryService[BookModel]):
    """Create, change, remove and list books; every write goes through the rules."""

    class Repo(SQLAlchemyAsyncRepository[BookModel]):
        """Book persistence with client-safe error messages."""

        model_type = BookModel
        error_messages = ErrorMessages(
            duplicate_key="A book with this ISBN already exists.",
            not_found="Book not found.",
        )

    repository_type = Repo

    async def create_book(
        self, *, fields: BookFields, auto_commit: bool = False
    ) -> BookModel:
        """Store a new book.

        Raises:
            InvalidFieldError: a field breaks a rule or a required one is missing.
            DuplicateKeyError: a book with the same (normalised) ISBN exists.
        """
        cleaned = clean_book_fields(fields, partial=False)
        return await self.create(BookModel(**cleaned), auto_commit=auto_commit)

    async def update_book(
        self, book_id: int, *, fields: BookFields, auto_commit: bool = False
    ) -> BookModel:
        """Change the given fields of a book, leaving the others as they are.

        Raises:
            InvalidFieldError: a field breaks a rule.
            NotFoundError: no book has this id (or a concurrent delete won).
            DuplicateKeyError: another book has the new ISBN.
        """
        cleaned = clean_book_fields(fields, partial=True)
        book = await lock_row(self.repository, book_id)
        for name, value in cleaned.items():
            setattr(book, name, value)
        # Reload the stored row while it is still locked: after the commit a
        # waiting delete may already have removed it.
        book = await self.update(book, auto_commit=False)
        if auto_commit:
            await self.repository.session.commit()
        return book

    async def delete_book(self, book_id: int, *, auto_commit: bool = False) -> None:
        """Remove a book.

        Raises:
            NotFoundError: no book has this id (or a concurrent delete won).
        """
        await delete_row(self.repository, book_id, auto_commit=auto_commit)

    async def list_page(
        self,
        *,
        query: BookListQuery,
        limit: int,
        after: Position | None = None,
        backward: bool = False,
    ) -> KeysetPage[BookRecord]:
        """One keyset page of books matching `query`, after (or before) a position.

        One statement; rows come back as `BookRecord`s, not ORM objects.
        """
        statement = self.list_statement(
            query=query, limit=limit, after=after, backward=backward
        )
        with wrap_sqlalchemy_exception(
            error_messages=self.repository.error_messages, dialect_name="postgresql"
        ):
            result = await self.repository.session.execute(statement)
        rows = [BookRecord(*row) for row in result]
        return page(rows, limit=limit, backward=backward)

    @staticmethod
    def list_statement(
        *,
        query: BookListQuery,
        limit: int,
        after: Position | None = None,
        backward: bool = False,
    ) -> Select[Any]:
        """The one SELECT behind `list_page` (the tests EXPLAIN it).

        A filtered listing fetches at least `FILTERED_MIN_FETCH` rows; `page()`
        keeps `limit` of them.
        """
        clauses = query.filter.clauses()
        statement = select(*_RECORD_COLUMNS).where(*clauses)
        fetch = max(limit, FILTERED_MIN_FETCH) if clauses else limit
        return seek(
            statement, query.sort.order, after=after, limit=fetch, backward=backward
        )

    async def count_books(self, *, book_filter: BookFilter) -> int:
        """How many books match the filter (one COUNT query)."""
        return await self.count(*book_filter.clauses())

    async def get_books(self, *, ids: Sequence[int]) -> list[BookModel | None]:
        """The books with these ids, in the same order, `None` where none has the id.

        One query, however many ids.
        """
        if not ids:
            return []
        found = await self.get_many(BookModel.id.in_(set(ids)))
        by_id = {book.id: book for book in found}
        return [by_id.get(book_id) for book_id in ids]
