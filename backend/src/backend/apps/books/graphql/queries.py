"""GraphQL queries for books: one by id, and the keyset-paged connection."""

from typing import Annotated

import strawberry

from backend.apps.books.graphql.inputs import BookFilterInput
from backend.apps.books.graphql.types import BookConnection, BookType
from backend.apps.books.services import BookFilter, BookListQuery, BookSort
from backend.graphql.context import GraphQLInfo
from backend.kit.relay import connection_of
from backend.paging.relay import ConnectionArgs


@strawberry.type
class BookQuery:
    """Book fields of the root `Query`."""

    @strawberry.field(description="The book with this id, or null.")
    async def book_by_id(self, info: GraphQLInfo, id: strawberry.ID) -> BookType | None:
        """The book `id` names, or None when it does not exist.

        Raises:
            InvalidFieldError: `id` is malformed or not a Book id.
        """
        return await BookType.load_one(info, id)

    @strawberry.field(
        description="Books matching `filter` in `orderBy` order, a page at a time: "
        "`first`/`after` forward or `last`/`before` backward (1 to 100, default 20)."
    )
    async def books(
        self,
        info: GraphQLInfo,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: BookFilterInput | None = None,
        # `BookSort` is the GraphQL enum `BookOrder` (see inputs.py).
        order_by: Annotated[
            BookSort, strawberry.argument(description="Default: newest first.")
        ] = BookSort.CREATED_AT_DESC,
    ) -> BookConnection:
        """One page of the listing; cursors are bound to `filter` and `orderBy`.

        Raises:
            InvalidFieldError: a paging argument is out of range, mixed, or a
                cursor that is malformed, forged or from another query.
        """
        query = BookListQuery(
            filter=filter.to_filter() if filter else BookFilter(), sort=order_by
        )
        return await connection_of(
            BookConnection,
            info.context.books.pager(query, codec=info.context.cursor_codec),
            ConnectionArgs(first=first, after=after, last=last, before=before),
            node=BookType.from_model,
            query=query,
        )
