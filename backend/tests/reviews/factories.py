"""Test data for reviews: authors and reviews in bulk, in the test's transaction.

The books' review counters are set from the reviews inserted, as the
service would have kept them.
"""

from datetime import timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.reviews.models import ReviewModel
from backend.apps.users.models import UserModel
from tests.books.factories import BASE_TIME


async def seed_authors(
    session: AsyncSession, count: int, *, password_hash: str
) -> list[int]:
    """Insert `count` users named `Reader <n>` and return their ids."""
    rows = [
        {
            "email": f"reader{n}@example.com",
            "full_name": f"Reader {n}",
            "password_hash": password_hash,
            "is_active": True,
            "is_superuser": False,
        }
        for n in range(count)
    ]
    result = await session.execute(insert(UserModel).returning(UserModel.id), rows)
    return list(result.scalars())


async def seed_reviews(
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
