"""REST bodies and list parameters for reviews (msgspec); JSON names are snake_case.

The service checks every rule; the limits of `validation.REVIEW_FIELDS`
appear in the OpenAPI document. A review's book is in the path when it is
written, its author is the signed-in user: neither is in a body.
"""

from typing import Annotated

import msgspec
from litestar.params import FromQuery, QueryParameter

from backend.apps.reviews.services import (
    ReviewFilter,
    ReviewListQuery,
    ReviewRecord,
    ReviewSort,
)
from backend.apps.reviews.validation import BODY, RATING
from backend.kit.rest import BodyFields, ItemId
from backend.kit.text import MAX_DATABASE_ID

Rating = Annotated[int, RATING.meta]
Body = Annotated[str, BODY.meta]
OwnerId = Annotated[
    int | None,
    QueryParameter(ge=1, le=MAX_DATABASE_ID, schema_extra={"maximum": MAX_DATABASE_ID}),
]


class ReviewRead(ReviewRecord):
    """A stored review; `user_id` is null once its author's account is deleted."""


class ReviewCreate(msgspec.Struct, BodyFields, forbid_unknown_fields=True):
    """A new review of the book in the path, by the signed-in user."""

    rating: Rating
    body: Body


class ReviewUpdate(msgspec.Struct, BodyFields, forbid_unknown_fields=True):
    """A partial change: only the fields present are changed."""

    rating: Rating | msgspec.UnsetType = msgspec.UNSET
    body: Body | msgspec.UnsetType = msgspec.UNSET


def review_list_query(
    *,
    book_id: OwnerId = None,
    user_id: OwnerId = None,
    sort: FromQuery[ReviewSort] = ReviewSort.CREATED_AT_DESC,
) -> ReviewListQuery:
    """Every review, or a book's or a user's, in `sort` order."""
    return ReviewListQuery(filter=ReviewFilter(book_id, user_id), sort=sort)


def book_review_list_query(
    *, book_id: ItemId, sort: FromQuery[ReviewSort] = ReviewSort.CREATED_AT_DESC
) -> ReviewListQuery:
    """The reviews of the book in the path, in `sort` order: its cursors are
    bound to the book."""
    return ReviewListQuery(filter=ReviewFilter(book_id=book_id), sort=sort)
