"""REST endpoints for books at `/api/books`: transport only; logic is in the service."""

from datetime import date
from typing import Annotated

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.apps.books.schemas import BookCreate, BookRead, BookUpdate
from backend.apps.books.services import (
    SEARCH_MAX_LENGTH,
    SEARCH_MIN_RUN,
    BookFilter,
    BookListQuery,
    BookService,
    BookSort,
)
from backend.apps.books.validation import FILTER_TEXT_MAX_LENGTH
from backend.http.bearer import BEARER_SECURITY, requires_active_user
from backend.http.errors import error_responses
from backend.http.state import cursor_codec_of
from backend.kit.text import NO_NUL_PATTERN
from backend.paging.cursors import (
    CURSOR_PATTERN,
    MAX_CURSOR_LENGTH,
    MIN_CURSOR_LENGTH,
    query_scope,
)
from backend.paging.pager import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, KeysetPager
from backend.paging.rest import KeysetPaginator, Page

Limit = Annotated[
    int,
    QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="Page size, 1 to 100."),
]
Cursor = Annotated[
    str | None,
    QueryParameter(
        description="`page.next_cursor` of the previous page; empty or absent "
        f"for the first. {MIN_CURSOR_LENGTH} to {MAX_CURSOR_LENGTH} characters.",
        max_length=MAX_CURSOR_LENGTH,
        pattern=CURSOR_PATTERN,
    ),
]
Text = Annotated[
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
# Ids are BIGINT: a larger number is a 400, not a database error. Litestar
# writes bounds as floats (2^63-1 becomes 2^63): the document gets the integer.
MAX_ID = 2**63 - 1
BookId = Annotated[
    int, PathParameter(ge=1, le=MAX_ID, schema_extra={"maximum": MAX_ID})
]


class BookController(Controller):
    """Create, read, update, delete and list books; writes need a bearer token."""

    path = "/api/books"
    tags = ["books"]  # noqa: RUF012
    dependencies = {"books": Provide(create_service_provider(BookService))}  # noqa: RUF012

    @get(
        "/",
        summary="List books, one keyset page at a time",
        description="Filters and `sort` are bound into the cursor: change them "
        "and drop the cursor.",
        responses=error_responses(400),
    )
    async def list_books(
        self,
        *,
        books: NamedDependency[BookService],
        state: State,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
        q: Search = None,
        author: Text = None,
        published_after: FromQuery[date | None] = None,
        published_before: FromQuery[date | None] = None,
        sort: FromQuery[BookSort] = BookSort.CREATED_AT_DESC,
    ) -> Page[BookRead]:
        """A page of books matching the filters, in `sort` order."""
        query = BookListQuery(
            filter=BookFilter(q, author, published_after, published_before), sort=sort
        )
        pager = KeysetPager(
            fetch=lambda after, size, backward: books.list_page(
                query=query, limit=size, after=after, backward=backward
            ),
            order=sort.order,
            codec=cursor_codec_of(state),
            scope=query_scope(query),
        )
        paginator = KeysetPaginator(pager, to_item=BookRead.from_model)
        return await paginator.page(cursor=cursor, limit=limit)

    @get(
        "/{book_id:str}",
        summary="Get one book",
        responses=error_responses(404),
    )
    async def get_book(
        self, book_id: BookId, books: NamedDependency[BookService]
    ) -> BookRead:
        """The book with this id."""
        return BookRead.from_model(await books.get(book_id))

    @post(
        "/",
        summary="Create a book",
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(400, 401, 409, 413),
    )
    async def create_book(
        self, data: JSONBody[BookCreate], books: NamedDependency[BookService]
    ) -> BookRead:
        """Store a book; the response carries its normalised ISBN-13."""
        return BookRead.from_model(await books.create_book(fields=data.to_fields()))

    @patch(
        "/{book_id:str}",
        summary="Change some fields of a book",
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(400, 401, 404, 409, 413),
    )
    async def update_book(
        self,
        book_id: BookId,
        data: JSONBody[BookUpdate],
        books: NamedDependency[BookService],
    ) -> BookRead:
        """Change the fields present in the body."""
        book = await books.update_book(book_id, fields=data.to_fields())
        return BookRead.from_model(book)

    @delete(
        "/{book_id:str}",
        summary="Delete a book",
        status_code=HTTP_204_NO_CONTENT,
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(401, 404),
    )
    async def delete_book(
        self, book_id: BookId, books: NamedDependency[BookService]
    ) -> None:
        """Remove the book."""
        await books.delete_book(book_id)
