"""The `review` table: one review per user per book.

Deleting a book deletes its reviews (`ON DELETE CASCADE`); deleting a user
keeps their reviews, without an author (`ON DELETE SET NULL`), so the books'
review counters stay exact without touching them.
"""

from advanced_alchemy.base import IdentityAuditBase
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

RATING_MIN = 1
RATING_MAX = 5
BODY_MAX_LENGTH = 5_000


class ReviewModel(IdentityAuditBase):
    """A user's review of a book: a rating from 1 to 5 and a text."""

    __tablename__ = "review"
    __table_args__ = (
        CheckConstraint(
            f"rating BETWEEN {RATING_MIN} AND {RATING_MAX}", name="rating_range"
        ),
        CheckConstraint(f"length(body) <= {BODY_MAX_LENGTH}", name="body_length"),
        UniqueConstraint("book_id", "user_id", name="uq_review_book_id_user_id"),
        # The nested keyset lists: a book's reviews by date or by rating, and
        # a user's own reviews by date.
        Index("ix_review_book_id_created_at_id", "book_id", "created_at", "id"),
        Index("ix_review_book_id_rating_id", "book_id", "rating", "id"),
        Index("ix_review_user_id_created_at_id", "user_id", "created_at", "id"),
    )

    book_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("book.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("user_account.id", ondelete="SET NULL")
    )
    rating: Mapped[int] = mapped_column(SmallInteger)
    body: Mapped[str] = mapped_column(Text)
