"""REST endpoints for books at `/api/books`: transport only; logic is in the service."""

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.apps.books.schemas import (
    BookCreate,
    BookRead,
    BookUpdate,
    book_list_query,
)
from backend.apps.books.services import BookListQuery, BookService
from backend.http.bearer import BEARER_SECURITY, requires_active_user
from backend.http.errors import error_responses
from backend.http.state import cursor_codec_of
from backend.kit.rest import Cursor, ItemId, Limit, list_page, read_as
from backend.paging.pager import DEFAULT_PAGE_SIZE
from backend.paging.rest import Page


class BookController(Controller):
    """Create, read, update, delete and list books; writes need a bearer token."""

    path = "/api/books"
    tags = ["books"]  # noqa: RUF012
    dependencies = {  # noqa: RUF012
        "books": Provide(create_service_provider(BookService)),
        "listing": Provide(book_list_query, sync_to_thread=False),
    }

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
        listing: NamedDependency[BookListQuery],
        state: State,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> Page[BookRead]:
        """A page of books matching the filters, in `sort` order."""
        return await list_page(
            books,
            listing,
            codec=cursor_codec_of(state),
            body_type=BookRead,
            cursor=cursor,
            limit=limit,
        )

    @get("/{book_id:str}", summary="Get one book", responses=error_responses(404))
    async def get_book(
        self, book_id: ItemId, books: NamedDependency[BookService]
    ) -> BookRead:
        """The book with this id."""
        return read_as(BookRead, await books.get(book_id))

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
        book = await books.create_book(fields=data.to_fields())
        return read_as(BookRead, book)

    @patch(
        "/{book_id:str}",
        summary="Change some fields of a book",
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(400, 401, 404, 409, 413),
    )
    async def update_book(
        self,
        book_id: ItemId,
        data: JSONBody[BookUpdate],
        books: NamedDependency[BookService],
    ) -> BookRead:
        """Change the fields present in the body."""
        book = await books.update_book(book_id, fields=data.to_fields())
        return read_as(BookRead, book)

    @delete(
        "/{book_id:str}",
        summary="Delete a book",
        status_code=HTTP_204_NO_CONTENT,
        guards=[requires_active_user],
        security=BEARER_SECURITY,
        responses=error_responses(401, 404),
    )
    async def delete_book(
        self, book_id: ItemId, books: NamedDependency[BookService]
    ) -> None:
        """Remove the book."""
        await books.delete_book(book_id)
