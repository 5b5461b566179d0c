"""GraphQL output types for books: the `Book` node and its connection."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Self, overload

import strawberry
from advanced_alchemy.exceptions import NotFoundError
from strawberry import relay

from backend.apps.books.services import BookFilter, BookRecord, StoredBook
from backend.errors import InvalidFieldError
from backend.graphql.context import GraphQLInfo
from backend.graphql.global_ids import database_id, database_id_of
from backend.paging.pager import MAX_PAGE_SIZE
from backend.paging.relay import KeysetSlice

BOOK_TYPE_NAME = "Book"


def book_id_of(global_id: str) -> int:
    """The database id inside a `Book` global id (`global_ids.database_id_of`).

    Raises:
        InvalidFieldError: on `id`, when the id is malformed or another type's.
    """
    return database_id_of(global_id, BOOK_TYPE_NAME)


@strawberry.type(
    name=BOOK_TYPE_NAME, description="A book; `isbn` is its normalised ISBN-13."
)
@dataclass
class BookType(relay.Node):
    """A stored book, as GraphQL shows it."""

    id: relay.NodeID[int]
    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, book: StoredBook) -> Self:
        """Copy a stored book into its GraphQL type."""
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

    @classmethod
    async def load(cls, info: GraphQLInfo, *, ids: Sequence[int]) -> list[Self | None]:
        """The books with these ids, in order, `None` where none exists (one query).

        Raises:
            InvalidFieldError: more than 100 ids.
        """
        if len(ids) > MAX_PAGE_SIZE:
            raise InvalidFieldError("ids", f"ask for at most {MAX_PAGE_SIZE} ids")
        books = await info.context.books.get_books(ids=ids)
        return [None if book is None else cls.from_model(book) for book in books]

    @overload
    @classmethod
    async def resolve_nodes(
        cls, *, info: GraphQLInfo, node_ids: Iterable[str], required: Literal[True]
    ) -> Iterable[Self]: ...

    @overload
    @classmethod
    async def resolve_nodes(
        cls,
        *,
        info: GraphQLInfo,
        node_ids: Iterable[str],
        required: Literal[False] = ...,
    ) -> Iterable[Self | None]: ...

    @overload
    @classmethod
    async def resolve_nodes(
        cls, *, info: GraphQLInfo, node_ids: Iterable[str], required: bool
    ) -> Iterable[Self] | Iterable[Self | None]: ...

    @classmethod
    async def resolve_nodes(
        cls,
        *,
        info: GraphQLInfo,
        node_ids: Iterable[str],
        required: bool = False,
    ) -> Iterable[Self] | Iterable[Self | None]:
        """Relay's `node`/`nodes` lookup: `load` by the ids inside global ids.

        Raises:
            InvalidFieldError: more than 100 ids, or one is not a database id.
            NotFoundError: `required` and a book does not exist.
        """
        parsed = [database_id(node_id) for node_id in node_ids]
        ids = [book_id for book_id in parsed if book_id is not None]
        if len(ids) != len(parsed):
            raise InvalidFieldError("id", f"id is not the id of a {BOOK_TYPE_NAME}")
        books = await cls.load(info, ids=ids)
        if required and None in books:
            raise NotFoundError(detail="Book not found.")
        return books


@strawberry.type(name="BookConnection", description="A page of books.")
class BookConnection(relay.Connection[BookType]):
    """One page of a book listing; `totalCount` costs a COUNT only when asked for."""

    book_filter: strawberry.Private[BookFilter]

    @classmethod
    def from_slice(
        cls, page: KeysetSlice[BookRecord], *, book_filter: BookFilter
    ) -> Self:
        """The connection of a keyset page of stored books."""
        edges = [
            relay.Edge(cursor=cursor, node=BookType.from_model(book))
            for book, cursor in zip(page.rows, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=page.page_info, book_filter=book_filter)

    @strawberry.field(description="How many books match the filter, on all pages.")
    async def total_count(self, info: GraphQLInfo) -> int:
        """Count the matching books (one COUNT query)."""
        return await info.context.books.count_books(book_filter=self.book_filter)
