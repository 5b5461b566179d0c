"""Books in the admin at `/admin/book/...`; every write goes through `BookService`."""

from collections.abc import Mapping
from typing import Any, cast

from starlette.requests import Request

from backend.apps.books.models import BookModel
from backend.apps.books.services import (
    BOOK_FIELDS,
    BookFields,
    BookService,
    search_clause,
)
from backend.kit.admin import ServiceModelView


class BookAdminView(ServiceModelView[BookService]):
    """List, search (title or author text, an ISBN), create, edit, delete books."""

    key = "book"
    display_name = "Book"
    menu_label = "Books"
    service_type = BookService
    declarations = BOOK_FIELDS
    duplicate_field = "isbn"
    searchable_fields = ["title", "author", "isbn"]  # noqa: RUF012
    sortable_fields = ["id", "title", "author", "published_on", "created_at"]  # noqa: RUF012
    fields_default_sort = [("created_at", True)]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__(BookModel)

    def search_clause(self, term: str) -> Any:
        """The API's search (`q`) or the book with ISBN `term`; a search the
        API refuses finds nothing."""
        return search_clause(term)

    async def create_with(
        self, service: BookService, data: Mapping[str, Any]
    ) -> BookModel:
        """Store a book through the service (ISBN normalised, rules applied)."""
        return await service.create_book(fields=self._book_fields(data))

    async def edit_with(
        self, service: BookService, item_id: int, data: Mapping[str, Any]
    ) -> BookModel:
        """Change a book through the service."""
        return await service.update_book(item_id, fields=self._book_fields(data))

    async def repr(self, obj: BookModel, request: Request) -> str:
        """How messages and lookups name a book: its title."""
        return obj.title

    def _book_fields(self, data: Mapping[str, Any]) -> BookFields:
        return cast("BookFields", self.form_values(data))


view = BookAdminView
