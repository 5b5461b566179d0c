"""The reviews part of the GraphQL schema, composed into the root by `backend.schema`.

`ReviewConnection` and `ReviewOrder` are exported for the other apps' lazy
references (`Book.reviews`, `User.reviews`).
"""

from backend.apps.reviews.graphql.inputs import ReviewOrder
from backend.apps.reviews.graphql.mutations import ReviewMutation
from backend.apps.reviews.graphql.queries import ReviewQuery
from backend.apps.reviews.graphql.types import ReviewConnection, ReviewType

__all__ = (
    "ReviewConnection",
    "ReviewMutation",
    "ReviewOrder",
    "ReviewQuery",
    "ReviewType",
)
