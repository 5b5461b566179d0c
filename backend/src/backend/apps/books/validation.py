"""Field rules for books, shared by REST, GraphQL and the admin through the service."""

from dataclasses import dataclass
from datetime import date

from backend.apps.books.models import (
    AUTHOR_MAX_LENGTH,
    PAGE_COUNT_MAX,
    TITLE_MAX_LENGTH,
)
from backend.errors import InvalidFieldError
from backend.kit.fields import Date, Fields, Integer, Isbn, Text
from backend.kit.text import check_no_nul

FILTER_TEXT_MAX_LENGTH = 255

TITLE = Text(max_length=TITLE_MAX_LENGTH)
AUTHOR = Text(max_length=AUTHOR_MAX_LENGTH)
ISBN = Isbn()
PAGE_COUNT = Integer(ge=1, le=PAGE_COUNT_MAX)
BOOK_FIELDS = Fields(
    title=TITLE,
    author=AUTHOR,
    isbn=ISBN,
    published_on=Date(),
    page_count=PAGE_COUNT,
)


@dataclass
class NewBook:
    """The values of a new book as a client sends them."""

    title: str
    author: str
    isbn: str
    published_on: date | None = None
    page_count: int | None = None


def check_filter_text(field: str, value: str | None) -> str | None:
    """Return a text filter (`q`, `author`) once its length is checked.

    Raises:
        InvalidFieldError: on `field` when it is longer than 255 characters
            or holds a NUL character.
    """
    if value is None:
        return None
    if len(value) > FILTER_TEXT_MAX_LENGTH:
        raise InvalidFieldError(
            field, f"{field} must be at most {FILTER_TEXT_MAX_LENGTH} characters"
        )
    return check_no_nul(field, value)
