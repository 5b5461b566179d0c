"""The `book` table."""

from datetime import date

from advanced_alchemy.base import IdentityAuditBase
from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    Index,
    Numeric,
    String,
    case,
    cast,
    func,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column

from backend.paging.keyset import nulls_last_key

TITLE_MAX_LENGTH = 255
AUTHOR_MAX_LENGTH = 255
ISBN_LENGTH = 13
PAGE_COUNT_MAX = 100_000


class BookModel(IdentityAuditBase):
    """A book; `isbn` holds the normalised 13-digit ISBN and is unique."""

    __tablename__ = "book"
    __table_args__ = (
        CheckConstraint(
            f"page_count BETWEEN 1 AND {PAGE_COUNT_MAX}", name="page_count_range"
        ),
        CheckConstraint(
            "review_count >= 0"
            " AND rating_sum BETWEEN review_count AND 5 * review_count",
            name="review_counters",
        ),
        Index("ix_book_created_at_id", "created_at", "id"),
        Index("ix_book_title_id", "title", "id"),
        # Substring search (`q`, ILIKE '%text%'); pg_trgm is created by the migration.
        Index(
            "ix_book_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index(
            "ix_book_author_trgm",
            "author",
            postgresql_using="gin",
            postgresql_ops={"author": "gin_trgm_ops"},
        ),
    )

    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX_LENGTH))
    isbn: Mapped[str] = mapped_column(String(ISBN_LENGTH), unique=True)
    published_on: Mapped[date | None] = mapped_column(Date(), default=None)
    page_count: Mapped[int | None] = mapped_column(default=None)
    # Kept by the reviews service in the transaction of each review write:
    # a listing reads them without an aggregate per book.
    review_count: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    rating_sum: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The mean rating, to two places, from the row's own counters.
    average_rating: Mapped[float | None] = column_property(
        case(
            (
                review_count > 0,
                cast(func.round(cast(rating_sum, Numeric) / review_count, 2), Float),
            ),
            else_=None,
        )
    )


# One index per direction of the NULLS LAST date order (see `nulls_last_key`).
Index(
    "ix_book_published_on_asc_id",
    nulls_last_key(BookModel.published_on, descending=False),
    BookModel.id,
)
Index(
    "ix_book_published_on_desc_id",
    nulls_last_key(BookModel.published_on, descending=True),
    BookModel.id,
)
# The filters: `author` matches the name in any case (`lower(author) = :name`);
# `published_after`/`published_before` are ranges of the plain column, which
# the sort indexes above (on the NULLS LAST key) cannot answer.
Index("ix_book_author_lower", func.lower(BookModel.author))
Index("ix_book_published_on", BookModel.published_on)
