"""Reviews and readers for the admin tests, written through `ReviewService` so
the books' counters stay exact."""

from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from backend.apps.reviews.models import ReviewModel
from backend.apps.reviews.services import ReviewService
from backend.apps.users.models import UserModel
from backend.kit.services import Actor
from tests.users.factories import add_user


async def add_readers(
    session: AsyncSession, password_hash: str, count: int
) -> list[UserModel]:
    """`count` active users who are not superusers."""
    return [
        await add_user(
            session, password_hash=password_hash, email=f"reader{n}@example.com"
        )
        for n in range(count)
    ]


async def add_review(
    session: AsyncSession, book_id: int, user_id: int, rating: int, body: str = "Fine."
) -> int:
    """Store `user_id`'s review of the book through the service; its id."""
    service = ReviewService(session=session)
    review = await service.create_review(
        book_id, Actor(user_id=user_id), {"rating": rating, "body": body}
    )
    await session.flush()
    return review.id


async def counters(
    session: AsyncSession, book_id: int
) -> tuple[int, int, float | None]:
    """The book's stored review count, rating sum and average rating."""
    session.expire_all()
    book = await session.get(BookModel, book_id)
    assert book is not None
    return book.review_count, book.rating_sum, book.average_rating


async def stored_review(session: AsyncSession, review_id: int) -> ReviewModel | None:
    """The review as stored now."""
    session.expire_all()
    return await session.get(ReviewModel, review_id)
