"""Test data for reviews: bulk inserts of reviewers and reviews in the test's
transaction, with the books' counters kept as the service keeps them."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.reviews.models import ReviewModel
from backend.apps.users.models import UserModel
from tests.books.factories import BASE_TIME

# Seeded reviewers never sign in: their hash matches no password.
NO_PASSWORD = "!"


def review_payload(number: int = 1, /, **overrides: object) -> dict[str, object]:
    """A valid REST body for a new review (its book is in the path)."""
    payload: dict[str, object] = {
        "rating": 1 + number % 4,
        "body": f"Review number {number}.\nA second line.",
    }
    payload.update(overrides)
    return payload


async def seed_users(session: AsyncSession, count: int, *, start: int = 0) -> list[int]:
    """Insert `count` active users (`reviewer-<n>@example.com`, named
    `Reader <n>`) and return their ids."""
    if not count:
        return []  # an INSERT of no rows would insert one of defaults
    rows = [
        {
            "email": f"reviewer-{start + i}@example.com",
            "full_name": f"Reader {start + i}",
            "password_hash": NO_PASSWORD,
            "is_active": True,
            "is_superuser": False,
        }
        for i in range(count)
    ]
    result = await session.execute(insert(UserModel).returning(UserModel.id), rows)
    return list(result.scalars())


def rating_of(number: int) -> int:
    """The rating of seeded review `number`: every value, in no sorted order."""
    return 1 + number * 7 % 5


async def seed_reviews(
    session: AsyncSession,
    count: int,
    *,
    book_ids: Sequence[int],
    start: int = 0,
    first_author: int | None = None,
) -> list[int]:
    """Insert `count` varied reviews of `book_ids` and return their ids.

    Review `n` (from `start`) is of book `n % len(book_ids)`; the first
    `len(book_ids)` are by `first_author` when it is given, every other one by
    a reviewer of its own. Ratings and creation times repeat (ties), so every
    order must break ties by id. The books' counters grow as the service's
    writes would make them.
    """
    numbers = range(start, start + count)
    fresh = {n for n in numbers if first_author is None or n >= len(book_ids)}
    reviewers = iter(await seed_users(session, len(fresh), start=start + 1_000_000))
    books = [book_ids[n % len(book_ids)] for n in numbers]
    rows = [
        {
            "book_id": book,
            "user_id": next(reviewers) if n in fresh else first_author,
            "rating": rating_of(n),
            "body": f"Seeded review {n}.",
            "created_at": BASE_TIME + timedelta(minutes=n // 3),
            "updated_at": BASE_TIME,
        }
        for n, book in zip(numbers, books, strict=True)
    ]
    result = await session.execute(insert(ReviewModel).returning(ReviewModel.id), rows)
    ids = list(result.scalars())
    ratings: dict[int, list[int]] = defaultdict(list)
    for n, book in zip(numbers, books, strict=True):
        ratings[book].append(rating_of(n))
    for book, given in ratings.items():
        await session.execute(
            update(BookModel)
            .where(BookModel.id == book)
            .values(
                review_count=BookModel.review_count + len(given),
                rating_sum=BookModel.rating_sum + sum(given),
            )
        )
    await session.flush()
    return ids


async def seed_reviews_per_book(
    session: AsyncSession, book_ids: list[int], author_ids: list[int], per_book: int
) -> list[int]:
    """`per_book` reviews of each book, by the first `per_book` authors.

    Ratings cycle through 1..5 and every other pair shares a creation time,
    so each order must break ties by id.
    """
    rows = [
        {
            "book_id": book_id,
            "user_id": author_ids[(b + i) % len(author_ids)],
            "rating": 1 + (b + i) % 5,
            "body": f"Review {i} of book {book_id}",
            "created_at": BASE_TIME + timedelta(minutes=i // 2),
            "updated_at": BASE_TIME,
        }
        for b, book_id in enumerate(book_ids)
        for i in range(per_book)
    ]
    if not rows:
        return []
    result = await session.execute(insert(ReviewModel).returning(ReviewModel.id), rows)
    ids = list(result.scalars())
    totals = (
        select(
            ReviewModel.book_id,
            func.count().label("reviews"),
            func.sum(ReviewModel.rating).label("ratings"),
        )
        .group_by(ReviewModel.book_id)
        .subquery()
    )
    await session.execute(
        update(BookModel)
        .where(BookModel.id == totals.c.book_id)
        .values(review_count=totals.c.reviews, rating_sum=totals.c.ratings)
    )
    await session.flush()
    return ids
