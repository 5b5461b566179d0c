"""Books in the admin at `/admin/book/...`; every write goes through `BookService`."""

from typing import Any

from backend.apps.books.services import BookService, search_clause
from backend.kit.admin import ServiceModelView


class BookAdminView(ServiceModelView[BookService]):
    """List, search (title or author text, an ISBN), create, edit, delete books."""

    key = "book"
    display_name = "Book"
    menu_label = "Books"
    service_type = BookService
    duplicate_field = "isbn"
    searchable_fields = ["title", "author", "isbn"]  # noqa: RUF012
    sortable_fields = ["id", "title", "author", "published_on", "created_at"]  # noqa: RUF012
    fields_default_sort = [("created_at", True)]  # noqa: RUF012

    def search_clause(self, term: str) -> Any:
        """The API's search (`q`) or the book with ISBN `term`; a search the
        API refuses finds nothing."""
        return search_clause(term)


view = BookAdminView
