"""REST endpoints for books at `/api/books`: transport only; logic is in the service."""

from litestar import Controller
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import JSONBody

from backend.apps.books.schemas import BookCreate, BookRead, BookUpdate, book_list_query
from backend.apps.books.services import BookListQuery, BookService
from backend.kit import rest
from backend.kit.rest import Cursor, ItemId, Limit, list_page, read_as
from backend.paging.pager import DEFAULT_PAGE_SIZE
from backend.paging.rest import Page


class BookController(Controller):
    """Create, read, update, delete and list books; writes need a bearer token."""

    path = "/api/books"
    tags = ["books"]  # noqa: RUF012
    dependencies = rest.dependencies("books", BookService, book_list_query)

    @rest.list_route("books")
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
            books, listing, state=state, body_type=BookRead, cursor=cursor, limit=limit
        )

    @rest.read_route("book")
    async def get_book(
        self, book_id: ItemId, books: NamedDependency[BookService]
    ) -> BookRead:
        """The book with this id."""
        return read_as(BookRead, await books.get(book_id))

    @rest.create_route("book")
    async def create_book(
        self, data: JSONBody[BookCreate], books: NamedDependency[BookService]
    ) -> BookRead:
        """Store a book; the response carries its normalised ISBN-13."""
        return read_as(BookRead, await books.create_item(data.to_fields()))

    @rest.update_route("book")
    async def update_book(
        self,
        book_id: ItemId,
        data: JSONBody[BookUpdate],
        books: NamedDependency[BookService],
    ) -> BookRead:
        """Change the fields present in the body."""
        return read_as(BookRead, await books.update_item(book_id, data.to_fields()))

    @rest.delete_route("book")
    async def delete_book(
        self, book_id: ItemId, books: NamedDependency[BookService]
    ) -> None:
        """Remove the book."""
        await books.delete_by_id(book_id)
