"""GraphQL mutations for books: create, change and delete, each its own
transaction, rolled back when it fails (`kit.mutations`); each requires a
signed-in, active user (`UNAUTHENTICATED`)."""

import strawberry

from backend.apps.books.graphql.inputs import BookInput, BookPatchInput
from backend.apps.books.graphql.types import BookType
from backend.kit import mutations


@strawberry.type
class BookMutation:
    """Book fields of the root `Mutation`."""

    create_book: BookType = mutations.create(
        BookType, BookInput, description="Store a new book; its ISBN is normalised."
    )
    update_book: BookType = mutations.update(
        BookType, BookPatchInput, description="Change the fields sent in `input`."
    )
    delete_book: strawberry.ID = mutations.delete(
        BookType, description="Delete a book; returns its id."
    )
