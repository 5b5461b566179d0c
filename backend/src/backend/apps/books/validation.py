"""Field rules for books, shared by REST, GraphQL and the admin through the service."""

from datetime import date
from typing import TypedDict

from backend.apps.books.isbn import normalize_isbn
from backend.apps.books.models import (
    AUTHOR_MAX_LENGTH,
    PAGE_COUNT_MAX,
    TITLE_MAX_LENGTH,
)
from backend.errors import InvalidFieldError
from backend.kit.text import check_no_nul, clean_single_line

REQUIRED_FIELDS = ("title", "author", "isbn")
FILTER_TEXT_MAX_LENGTH = 255


class BookFields(TypedDict, total=False):
    """Values of a book as a client sends them; absent keys are left unchanged."""

    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None


def _too_long(field: str, max_length: int) -> InvalidFieldError:
    return InvalidFieldError(field, f"{field} must be at most {max_length} characters")


def _clean_text(field: str, value: str, max_length: int) -> str:
    if len(value) > max_length:
        raise _too_long(field, max_length)
    cleaned = clean_single_line(field, value)
    if not cleaned:
        raise InvalidFieldError(
            field, f"{field} must not be empty: it needs a visible character"
        )
    return cleaned


def check_filter_text(field: str, value: str | None) -> str | None:
    """Return a text filter (`q`, `author`) once its length is checked.

    Raises:
        InvalidFieldError: on `field` when it is longer than 255 characters
            or holds a NUL character.
    """
    if value is None:
        return None
    if len(value) > FILTER_TEXT_MAX_LENGTH:
        raise _too_long(field, FILTER_TEXT_MAX_LENGTH)
    return check_no_nul(field, value)


def _clean_page_count(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= PAGE_COUNT_MAX:
        raise InvalidFieldError(
            "page_count", f"page_count must be between 1 and {PAGE_COUNT_MAX}"
        )
    return value


def clean_book_fields(fields: BookFields, *, partial: bool) -> BookFields:
    """Trim, check and normalise book fields (ISBN to its 13-digit form).

    Raises:
        InvalidFieldError: naming the first field that breaks a rule, or a
            required field that is missing (or null) when `partial` is false.
    """
    for name in REQUIRED_FIELDS:
        if name in fields and fields[name] is None:
            raise InvalidFieldError(name, f"{name} must not be null")
        if not partial and name not in fields:
            raise InvalidFieldError(name, f"{name} is required")
    cleaned = BookFields()
    if "title" in fields:
        cleaned["title"] = _clean_text("title", fields["title"], TITLE_MAX_LENGTH)
    if "author" in fields:
        cleaned["author"] = _clean_text("author", fields["author"], AUTHOR_MAX_LENGTH)
    if "isbn" in fields:
        cleaned["isbn"] = normalize_isbn(fields["isbn"])
    if "published_on" in fields:
        cleaned["published_on"] = fields["published_on"]
    if "page_count" in fields:
        cleaned["page_count"] = _clean_page_count(fields["page_count"])
    return cleaned
