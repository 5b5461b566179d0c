"""GraphQL output types for reviews: the `Review` node and its connection.

A review's book and author are other apps' types, named lazily and loaded
in one batch per page of reviews (`kit.relay.related_node`).
"""

from datetime import datetime

import strawberry
from strawberry import relay

from backend.apps.reviews.services import ReviewListQuery, ReviewService
from backend.graphql.context import GraphQLInfo
from backend.kit.relay import ModelNode, lazy_type, related_node

REVIEW_TYPE_NAME = "Review"
BOOK_TYPE_NAME = "Book"
USER_TYPE_NAME = "User"
BOOK = lazy_type("BookType", "backend.apps.books.graphql.types")
USER = lazy_type("UserType", "backend.apps.users.graphql.types")


@strawberry.type(
    name=REVIEW_TYPE_NAME,
    description="A user's review of a book: a rating from 1 to 5 and a text.",
)
class ReviewType(ModelNode, relay.Node):
    """A stored review, as GraphQL shows it; its book and author are fields."""

    id: relay.NodeID[int]
    rating: int
    body: str
    created_at: datetime
    updated_at: datetime
    book_id: strawberry.Private[int]
    user_id: strawberry.Private[int | None]
    type_name = REVIEW_TYPE_NAME
    not_found = "Review not found."

    @classmethod
    def service(cls, info: GraphQLInfo) -> ReviewService:
        """The request's review service."""
        return info.context.reviews

    @strawberry.field(description="The book reviewed.", graphql_type=BOOK)
    async def book(self, info: GraphQLInfo) -> relay.Node:
        """The review's book (batched with the other reviews' books).

        Raises:
            TypeError: the schema has no `Book` node type.
        """
        return await related_node(info, BOOK_TYPE_NAME, self.book_id)

    @strawberry.field(
        description="Who wrote it; null once the account is deleted.",
        graphql_type=USER | None,
    )
    async def author(self, info: GraphQLInfo) -> relay.Node | None:
        """The review's author (batched with the other reviews' authors).

        Raises:
            TypeError: the schema has no `User` node type.
        """
        return await related_node(info, USER_TYPE_NAME, self.user_id)


@strawberry.type(name="ReviewConnection", description="A page of reviews.")
class ReviewConnection(relay.Connection[ReviewType]):
    """One page of a review listing, or of a book's or a user's reviews.

    `query` is the listing of the top-level `reviews` field (the kit's
    connection field hands it over); a book's or a user's page has none.
    No `totalCount` yet: a book shows its `reviewCount`.
    """

    query: strawberry.Private[ReviewListQuery | None] = None


__all__ = ("REVIEW_TYPE_NAME", "ReviewConnection", "ReviewType")
