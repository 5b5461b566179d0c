"""Review in the entity contract suite (`tests/contract`).

A review needs a book, created in its path (`/api/books/{book_id}/reviews`)
and, over GraphQL, named by its global id; its author is the signed-in
writer. `prepare` stores the books, so the inputs and the filters name them.
"""

from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.reviews.models import BODY_MAX_LENGTH
from tests.books.factories import seed_books
from tests.contract.spec import EntitySpec, FilterExample, InvalidInput
from tests.reviews.factories import review_payload, seed_reviews, seed_users

BOOKS = 12
# Books of the suite's own, far from the numbers the book tests seed.
BOOK_NUMBERS = 90_000


async def prepare(
    spec: EntitySpec, session: AsyncSession, writer_id: int
) -> EntitySpec:
    """Store `BOOKS` books to review and one that nobody reviews, and a user
    without reviews; the writer writes the first review of each book."""
    *books, unreviewed = await seed_books(session, BOOKS + 1, start=BOOK_NUMBERS)
    [silent] = await seed_users(session, 1, start=BOOK_NUMBERS)

    def valid_input(number: int) -> dict[str, object]:
        return review_payload(number) | {"book_id": books[number % BOOKS]}

    async def seed(session: AsyncSession, count: int, start: int) -> list[int]:
        return await seed_reviews(
            session, count, book_ids=books, start=start, first_author=writer_id
        )

    return replace(
        spec,
        valid_input=valid_input,
        seed=seed,
        unique_value=books[0],
        admin_values={"user_id": writer_id},
        duplicate_spellings=(books[0],),
        filters=(
            FilterExample({"book_id": str(books[3])}, {"book_id": str(unreviewed)}),
            FilterExample({"user_id": str(writer_id)}, {"user_id": str(silent)}),
        ),
    )


async def _unprepared(session: AsyncSession, count: int, start: int) -> list[int]:
    raise AssertionError("the review spec seeds once prepared")


SPEC = EntitySpec(
    name="review",
    rest_path="/api/reviews",
    rest_item_path="/api/reviews/{item_id}",
    rest_create_path="/api/books/{book_id}/reviews",
    graphql_type="Review",
    graphql_by_id="reviewById",
    graphql_connection="reviews",
    graphql_create="createReview",
    graphql_update="updateReview",
    graphql_delete="deleteReview",
    graphql_input="ReviewInput",
    graphql_patch_input="ReviewPatchInput",
    graphql_filter="ReviewFilter",
    graphql_order="ReviewOrder",
    graphql_ids={"book_id": "Book", "user_id": "User"},
    graphql_names={"user_id": "authorId"},
    admin_key="review",
    valid_input=review_payload,
    update={"rating": 5, "body": "Better on a second reading."},
    invalid_inputs=(
        InvalidInput({"rating": 0}, "rating"),
        InvalidInput({"rating": 6}, "rating"),
        InvalidInput({"body": "  \n "}, "body"),
        InvalidInput({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
    ),
    # One review per user per book: the writer reviewing the same book again.
    unique_field="book_id",
    unique_value=None,
    duplicate_spellings=(),
    unique_field_changes=False,
    sorts=("-created_at", "created_at", "-rating", "rating"),
    seed=_unprepared,
    prepare=prepare,
)
