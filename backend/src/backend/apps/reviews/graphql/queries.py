"""GraphQL queries for reviews: one by id, and the keyset-paged connection."""

import strawberry

from backend.apps.reviews.graphql.inputs import ReviewFilterInput, ReviewOrder
from backend.apps.reviews.graphql.types import ReviewConnection, ReviewType
from backend.apps.reviews.services import ReviewListQuery
from backend.kit import queries


@strawberry.type
class ReviewQuery:
    """Review fields of the root `Query`."""

    review_by_id: ReviewType | None = queries.by_id(
        ReviewType, description="The review with this id, or null."
    )
    reviews: ReviewConnection = queries.connection(
        ReviewConnection,
        ReviewType,
        listing=ReviewListQuery,
        order=ReviewOrder,
        filter_type=ReviewFilterInput,
        description="Reviews matching `filter` in `orderBy` order, a page at a "
        "time: `first`/`after` forward or `last`/`before` backward (1 to 100, "
        "default 20).",
        order_description="Default: newest first.",
    )
