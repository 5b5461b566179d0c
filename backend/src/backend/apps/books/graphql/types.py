"""GraphQL output types for books: the `Book` node and its connection."""

import strawberry
from strawberry import relay

from backend.apps.books.services import BookListQuery, BookRecord, BookService
from backend.apps.reviews.services import ReviewListQuery
from backend.graphql.context import GraphQLInfo
from backend.kit import queries
from backend.kit.relay import ModelNode

BOOK_TYPE_NAME = "Book"


@strawberry.type(name=BOOK_TYPE_NAME, description=BookRecord.__doc__)
class BookType(ModelNode, relay.Node, BookRecord):
    """A stored book, as GraphQL shows it: `BookRecord`'s fields."""

    id: relay.NodeID[int]
    type_name = BOOK_TYPE_NAME
    not_found = "Book not found."

    @classmethod
    def service(cls, info: GraphQLInfo) -> BookService:
        """The request's book service."""
        return info.context.books

    reviews: relay.Connection[relay.Node] = queries.children(
        "ReviewConnection",
        node="Review",
        order="ReviewOrder",
        module="backend.apps.reviews.graphql",
        listing=ReviewListQuery,
        parent="book_id",
        description="The book's reviews in `orderBy` order, a page at a time "
        "(1 to 100, default 20).",
        order_description="Default: newest first.",
    )


@strawberry.type(name="BookConnection", description="A page of books.")
class BookConnection(relay.Connection[BookType]):
    """One page of a book listing; `totalCount` costs a COUNT only when asked for."""

    query: strawberry.Private[BookListQuery]

    @strawberry.field(description="How many books match the filter, on all pages.")
    async def total_count(self, info: GraphQLInfo) -> int:
        """Count the matching books (one COUNT query)."""
        return await info.context.books.count_matching(self.query)


__all__ = ("BOOK_TYPE_NAME", "BookConnection", "BookType")
