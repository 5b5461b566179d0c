"""Test data for books: valid ISBNs and bulk inserts in the test's transaction."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel

BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)


def isbn13(number: int) -> str:
    """A valid ISBN-13 (978 prefix) built from `number`."""
    first12 = f"978{number:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def book_payload(number: int = 1, /, **overrides: object) -> dict[str, object]:
    """A valid REST body for a new book."""
    payload: dict[str, object] = {
        "title": f"Title {number}",
        "author": f"Author {number % 7}",
        "isbn": isbn13(number),
        "published_on": "2001-02-03",
        "page_count": 100 + number,
    }
    payload.update(overrides)
    return payload


async def seed_books(session: AsyncSession, count: int, *, start: int = 0) -> list[int]:
    """Insert `count` varied books in one statement and return their ids.

    Titles repeat (ties), every fifth book has no publication date, and some
    share a creation time, so every order must break ties by id.
    """
    rows = [
        {
            "title": f"Book {(start + i) % 97:03d}",
            "author": f"Author {(start + i) % 13}",
            "isbn": isbn13(start + i),
            "published_on": None
            if (start + i) % 5 == 0
            else date(1990, 1, 1) + timedelta(days=(start + i) * 37 % 9000),
            "page_count": 1 + (start + i) % 900,
            "created_at": BASE_TIME + timedelta(minutes=(start + i) // 3),
            "updated_at": BASE_TIME,
        }
        for i in range(count)
    ]
    result = await session.execute(insert(BookModel).returning(BookModel.id), rows)
    await session.flush()
    return list(result.scalars())
