"""GraphQL input types for reviews: what a client sends to write and list them."""

from dataclasses import dataclass

import strawberry

from backend.apps.reviews.services import ReviewFilter, ReviewSort
from backend.apps.reviews.validation import NewReview
from backend.kit.relay import InputFields, database_id

BOOK_TYPE_NAME = "Book"
USER_TYPE_NAME = "User"


@strawberry.input(
    name="ReviewInput",
    description="A new review of a book by the signed-in user.",
)
@dataclass
class ReviewInput(NewReview, InputFields):
    """The book reviewed and the review's fields (`NewReview`'s)."""

    book_id: strawberry.ID

    def to_fields(self) -> dict[str, object]:
        """The review's values, without its book."""
        values = super().to_fields()
        values.pop("book_id")
        return values

    def book(self) -> int:
        """The database id of the book reviewed.

        Raises:
            InvalidFieldError: on `bookId`, when it is not a book's id.
        """
        return database_id(self.book_id, type_name=BOOK_TYPE_NAME, field="book_id")


@strawberry.input(
    name="ReviewPatchInput",
    description="A partial change: only the fields sent are changed.",
)
@dataclass
class ReviewPatchInput(InputFields):
    """Fields of a review to change; absent ones stay as they are."""

    rating: int | None = strawberry.UNSET
    body: str | None = strawberry.UNSET


@strawberry.input(
    name="ReviewFilter",
    description="Filters of a review listing, both optional: the reviews of "
    "one book (`bookId`), of one author (`authorId`), or both.",
)
@dataclass
class ReviewFilterInput:
    """Whose reviews a listing shows; omitted filters do not filter."""

    book_id: strawberry.ID | None = None
    author_id: strawberry.ID | None = None

    def to_filter(self) -> ReviewFilter:
        """The service's filter.

        Raises:
            InvalidFieldError: on `bookId` or `authorId`, when it is not an
                id of a book or a user.
        """
        book, author = self.book_id, self.author_id
        return ReviewFilter(
            book_id=None
            if book is None
            else database_id(book, type_name=BOOK_TYPE_NAME, field="book_id"),
            user_id=None
            if author is None
            else database_id(author, type_name=USER_TYPE_NAME, field="author_id"),
        )


ReviewOrder = strawberry.enum(
    ReviewSort,
    name="ReviewOrder",
    description="Orders of a review listing; ties are broken by id.",
)
