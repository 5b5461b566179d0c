"""REST endpoints for books at `/api/books`: transport only; logic is in the service."""

from litestar import Controller

from backend.apps.books.schemas import BookCreate, BookRead, BookUpdate, book_list_query
from backend.apps.books.services import BookService
from backend.kit import rest


class BookController(Controller):
    """Create, read, update, delete and list books; writes need a bearer token."""

    path = "/api/books"
    tags = ["books"]  # noqa: RUF012
    dependencies = rest.dependencies(BookService, book_list_query)

    list_books = rest.list_handler(BookRead, plural="books")
    get_book = rest.read_handler(BookRead, noun="book")
    create_book = rest.create_handler(BookRead, BookCreate, noun="book")
    update_book = rest.update_handler(BookRead, BookUpdate, noun="book")
    delete_book = rest.delete_handler(noun="book")
