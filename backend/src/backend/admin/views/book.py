"""Books in the admin at `/admin/book/...`; every write goes through `BookService`."""

from typing import Any, cast

from starlette.requests import Request
from starlette_admin.fields import StringField

from backend.admin.forms import StrictDateField, StrictIntegerField, form_errors
from backend.admin.views.model_view import IntegerIdModelView, require_id
from backend.apps.books.models import BookModel
from backend.apps.books.services import BookFields, BookService, search_clause

FORM_FIELDS = ("title", "author", "isbn", "published_on", "page_count")
AUDIT_FIELDS = ["created_at", "updated_at"]
ISBN_INPUT_MAX_LENGTH = 17  # 13 digits and 4 hyphens


def _isbn_field() -> StringField:
    # The column holds 13 digits; the form must also take hyphenated input.
    return StringField(
        "isbn",
        label="ISBN",
        required=True,
        maxlength=ISBN_INPUT_MAX_LENGTH,
        help_text="ISBN-10 or ISBN-13, hyphens and spaces allowed; stored as ISBN-13.",
    )


def _book_fields(data: dict[str, Any]) -> BookFields:
    return cast(
        "BookFields", {name: data[name] for name in FORM_FIELDS if name in data}
    )


class BookAdminView(IntegerIdModelView):
    """List, search (title or author text, an ISBN), create, edit, delete books."""

    key = "book"
    display_name = "Book"
    menu_label = "Books"
    exclude_fields_from_create = AUDIT_FIELDS
    exclude_fields_from_edit = AUDIT_FIELDS
    searchable_fields = ["title", "author", "isbn"]  # noqa: RUF012
    sortable_fields = ["id", "title", "author", "published_on", "created_at"]  # noqa: RUF012
    fields_default_sort = [("created_at", True)]  # noqa: RUF012
    importers = []  # noqa: RUF012  (imports would skip the forms tested here)

    def __init__(self) -> None:
        # Built per view: starlette-admin binds each field to its view. It takes
        # field names too, though its annotation only admits fields.
        self.fields = [  # pyrefly: ignore[bad-assignment]  # ty: ignore[invalid-assignment]
            "id",
            "title",
            "author",
            _isbn_field(),
            StrictDateField("published_on"),
            StrictIntegerField("page_count"),
            *AUDIT_FIELDS,
        ]
        super().__init__(BookModel)

    def search_clause(self, term: str) -> Any:
        """The API's search (`q`) or the book with ISBN `term`; a search the
        API refuses finds nothing."""
        return search_clause(term)

    async def create(self, request: Request, data: dict[str, Any]) -> BookModel:
        """Store a book through the service (ISBN normalised, rules applied)."""
        async with form_errors(request, duplicate_field="isbn") as session:
            books = BookService(session=session)
            return await books.create_book(fields=_book_fields(data))

    async def edit(self, request: Request, pk: Any, data: dict[str, Any]) -> BookModel:
        """Change a book through the service."""
        async with form_errors(request, duplicate_field="isbn") as session:
            books = BookService(session=session)
            return await books.update_book(require_id(pk), fields=_book_fields(data))

    async def repr(self, obj: BookModel, request: Request) -> str:
        """How messages and lookups name a book: its title."""
        return obj.title

    async def delete(self, request: Request, pks: list[Any]) -> int:
        """Remove the books through the service."""
        books = BookService(session=request.state.session)
        for pk in pks:
            await books.delete_book(require_id(pk))
        return len(pks)


view = BookAdminView
