"""Review use cases: writes that keep the book's counters exact, ownership,
and keyset listings of a book's or a user's reviews.

Every review write locks the book's row first (`BookService.lock_for_reviews`
or the counter update itself), then the review's: the same order a book's
deletion takes (its row, then its reviews, by cascade), so they never deadlock.
The counters change in the transaction of the review write, so concurrent
writes leave them exact.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from advanced_alchemy.exceptions import ErrorMessages, NotFoundError
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from sqlalchemy import ColumnElement, delete, select

from backend.apps.books.services import BookService
from backend.apps.reviews.models import ReviewModel
from backend.apps.reviews.validation import REVIEW_FIELDS
from backend.errors import ForbiddenError
from backend.kit.row_writes import lock_row
from backend.kit.services import Actor, KeysetListMixin, Listing, keyset_sorts

NOT_YOURS = "Only the review's author or a superuser may change or delete it."


@dataclass
class ReviewRecord:
    """A review: its book, its author (None once the account is deleted), a
    rating from 1 to 5 and its text."""

    id: int
    book_id: int
    user_id: int | None
    rating: int
    body: str
    created_at: datetime
    updated_at: datetime


@keyset_sorts(ReviewModel)
class ReviewSort(StrEnum):
    """Supported orders; a leading `-` means descending."""

    CREATED_AT_DESC = "-created_at"
    CREATED_AT = "created_at"
    RATING_DESC = "-rating"
    RATING = "rating"


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """Whose reviews a listing shows: a book's, a user's, or both."""

    book_id: int | None = None
    user_id: int | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for the filters that are set."""
        clauses: list[ColumnElement[bool]] = []
        if self.book_id is not None:
            clauses.append(ReviewModel.book_id == self.book_id)
        if self.user_id is not None:
            clauses.append(ReviewModel.user_id == self.user_id)
        return clauses


@dataclass(frozen=True)
class ReviewListQuery(Listing[ReviewSort, ReviewFilter]):
    """What a listing shows: whose reviews, in which order."""

    filter: ReviewFilter = ReviewFilter()
    sort: ReviewSort = ReviewSort.CREATED_AT_DESC


class ReviewService(KeysetListMixin[ReviewModel, ReviewRecord]):
    """Write, remove and list reviews; every write keeps the book's counters."""

    class Repo(SQLAlchemyAsyncRepository[ReviewModel]):
        """Review persistence with client-safe error messages."""

        model_type = ReviewModel
        error_messages = ErrorMessages(
            duplicate_key="You have already reviewed this book: change that review.",
            not_found="Review not found.",
        )

    repository_type = Repo
    record_type = ReviewRecord
    fields = REVIEW_FIELDS

    @property
    def books(self) -> BookService:
        """The book service on the same session (the counters)."""
        return BookService(session=self.repository.session)

    async def create_review(
        self,
        book_id: int,
        author: Actor,
        values: dict[str, Any],
        *,
        auto_commit: bool = False,
    ) -> ReviewModel:
        """Store `author`'s review of the book and count it.

        Raises:
            InvalidFieldError: a value breaks a rule.
            NotFoundError: no book has this id.
            DuplicateKeyError: the author has reviewed this book already.
        """
        cleaned = self.fields.clean(values, partial=False)
        await self.books.count_reviews(book_id, reviews=1, ratings=cleaned["rating"])
        review = ReviewModel(book_id=book_id, user_id=author.user_id, **cleaned)
        return await self.create(review, auto_commit=auto_commit)

    async def update_review(
        self,
        review_id: int,
        actor: Actor,
        values: dict[str, Any],
        *,
        auto_commit: bool = False,
    ) -> ReviewModel:
        """Change the given values of a review `actor` may change.

        Raises:
            InvalidFieldError: a value breaks a rule.
            NotFoundError: no review has this id.
            ForbiddenError: the review is someone else's.
        """
        cleaned = self.fields.clean(values, partial=True)
        review = await self._locked(review_id, actor)
        change = cleaned.get("rating", review.rating) - review.rating
        for name, value in cleaned.items():
            setattr(review, name, value)
        review = await self.update(review, auto_commit=False)
        if change:
            await self.books.count_reviews(review.book_id, reviews=0, ratings=change)
        if auto_commit:
            await self.repository.session.commit()
        return review

    async def delete_review(
        self, review_id: int, actor: Actor, *, auto_commit: bool = False
    ) -> None:
        """Remove a review `actor` may change, and uncount it.

        Raises:
            NotFoundError: no review has this id.
            ForbiddenError: the review is someone else's.
        """
        review = await self._locked(review_id, actor)
        book_id, rating = review.book_id, review.rating
        await self.repository.session.execute(
            delete(ReviewModel).where(ReviewModel.id == review_id)
        )
        await self.books.count_reviews(book_id, reviews=-1, ratings=-rating)
        if auto_commit:
            await self.repository.session.commit()

    async def _locked(self, review_id: int, actor: Actor) -> ReviewModel:
        """The review, its book's row and its own locked, once `actor` may change it.

        Raises:
            NotFoundError: no review has this id (or a concurrent delete won).
            ForbiddenError: the review is someone else's.
        """
        book_id = await self.repository.session.scalar(
            select(ReviewModel.book_id).where(ReviewModel.id == review_id)
        )
        if book_id is None:
            raise NotFoundError(detail="Review not found.")
        await self.books.lock_for_reviews(book_id)
        review = await lock_row(self.repository, review_id)
        if not actor.owns(review.user_id):
            raise ForbiddenError(NOT_YOURS)
        return review
