"""GraphQL mutations for books: create, change and delete, each its own transaction.

Each requires a signed-in, active user (`IsAuthenticated`: `UNAUTHENTICATED`).

A GraphQL error is still an HTTP 200, which the session's commit-on-success
hook would commit: a failed mutation rolls the session back itself.
"""

import strawberry

from backend.apps.books.graphql.inputs import BookInput, BookPatchInput
from backend.apps.books.graphql.types import BOOK_TYPE_NAME, BookType
from backend.graphql.context import GraphQLInfo
from backend.graphql.errors import mutation_errors
from backend.graphql.permissions import IsAuthenticated
from backend.kit.relay import database_id


@strawberry.type
class BookMutation:
    """Book fields of the root `Mutation`."""

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Store a new book; its ISBN is normalised.",
    )
    async def create_book(self, info: GraphQLInfo, input: BookInput) -> BookType:
        """The stored book.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, or `CONFLICT`
                when a book has the same ISBN.
        """
        async with mutation_errors(info.context.db_session):
            book = await info.context.books.create_item(
                input.to_fields(), auto_commit=True
            )
        return BookType.from_model(book)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Change the fields sent in `input`.",
    )
    async def update_book(
        self, info: GraphQLInfo, id: strawberry.ID, input: BookPatchInput
    ) -> BookType:
        """The changed book.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, `NOT_FOUND`, or
                `CONFLICT` when another book has the new ISBN.
        """
        async with mutation_errors(info.context.db_session):
            book = await info.context.books.update_item(
                database_id(id, type_name=BOOK_TYPE_NAME),
                input.to_fields(),
                auto_commit=True,
            )
        return BookType.from_model(book)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Delete a book; returns its id.",
    )
    async def delete_book(self, info: GraphQLInfo, id: strawberry.ID) -> strawberry.ID:
        """The id of the deleted book.

        Raises:
            GraphQLError: `BAD_USER_INPUT` or `NOT_FOUND`.
        """
        async with mutation_errors(info.context.db_session):
            await info.context.books.delete_by_id(
                database_id(id, type_name=BOOK_TYPE_NAME), auto_commit=True
            )
        return id
