"""GraphQL queries for books: one by id, and the keyset-paged connection."""

import strawberry

from backend.apps.books.graphql.inputs import BookFilterInput, BookOrder
from backend.apps.books.graphql.types import BookConnection, BookType
from backend.apps.books.services import BookListQuery
from backend.kit import queries


@strawberry.type
class BookQuery:
    """Book fields of the root `Query`."""

    book_by_id: BookType | None = queries.by_id(
        BookType, description="The book with this id, or null."
    )
    books: BookConnection = queries.connection(
        BookConnection,
        BookType,
        listing=BookListQuery,
        order=BookOrder,
        filter_type=BookFilterInput,
        description="Books matching `filter` in `orderBy` order, a page at a time: "
        "`first`/`after` forward or `last`/`before` backward (1 to 100, default 20).",
        order_description="Default: newest first.",
    )
