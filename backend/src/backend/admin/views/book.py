"""Books in the admin at `/admin/book/...`; every write goes through `BookService`.

Lists and detail pages show each book's review count and average rating,
which only review writes change (read-only, never in the forms).
"""

from typing import Any

from markupsafe import escape
from starlette.requests import Request
from starlette_admin.fields import FloatField, IntegerField

from backend.apps.books.models import BookModel
from backend.apps.books.services import BookService, search_clause
from backend.kit.admin import ServiceModelView, form_fields


def _review_counters() -> list[IntegerField | FloatField]:
    return [
        IntegerField(
            "review_count",
            label="Reviews",
            read_only=True,
            exclude_from_create=True,
            exclude_from_edit=True,
            exclude_from_import=True,
        ),
        FloatField(
            "average_rating",
            label="Average rating",
            read_only=True,
            exclude_from_create=True,
            exclude_from_edit=True,
            exclude_from_import=True,
        ),
    ]


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

    def __init__(self) -> None:
        form = [*form_fields(self._declarations()), *_review_counters()]
        super().__init__(form=form)

    def search_clause(self, term: str) -> Any:
        """The API's search (`q`) or the book with ISBN `term`; a search the
        API refuses finds nothing."""
        return search_clause(term)

    async def select2_result(self, obj: BookModel, request: Request) -> str:
        """How a picker offers a book: title, author and ISBN."""
        return str(
            escape("<span>{} by {} (ISBN {})</span>").format(
                obj.title, obj.author, obj.isbn
            )
        )


view = BookAdminView
