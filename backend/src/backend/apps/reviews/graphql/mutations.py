"""GraphQL mutations for reviews: write, change and delete the signed-in
user's review, each its own transaction, rolled back when it fails.

Unlike the kit's mutations (`kit.mutations`), each names its actor, the
signed-in user (`Actor.of`): only a review's author or a superuser may
change or delete it (`FORBIDDEN`).
"""

from typing import Annotated

import strawberry
from strawberry.permission import BasePermission

from backend.apps.reviews.graphql.inputs import ReviewInput, ReviewPatchInput
from backend.apps.reviews.graphql.types import REVIEW_TYPE_NAME, ReviewType
from backend.graphql.context import GraphQLInfo
from backend.graphql.errors import mutation_errors
from backend.graphql.permissions import IsAuthenticated
from backend.kit.relay import database_id
from backend.kit.services import Actor

GUARDS: list[type[BasePermission]] = [IsAuthenticated]


def _actor(info: GraphQLInfo) -> Actor:
    # IsAuthenticated let the field run: the request has its user.
    return Actor.of(info.context.user)


@strawberry.type
class ReviewMutation:
    """Review fields of the root `Mutation`."""

    @strawberry.mutation(
        permission_classes=GUARDS,
        description="Review a book as the signed-in user (one review per book).",
    )
    async def create_review(self, info: GraphQLInfo, input: ReviewInput) -> ReviewType:
        """The stored review.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, `NOT_FOUND` (no
                such book), or `CONFLICT` (the user reviewed it already).
        """
        async with mutation_errors(info.context.db_session):
            row = await info.context.reviews.create_review(
                input.book(), _actor(info), input.to_fields(), auto_commit=True
            )
        return ReviewType.from_model(row)

    @strawberry.mutation(
        permission_classes=GUARDS,
        description="Change the fields sent in `input` of your review.",
    )
    async def update_review(
        self,
        info: GraphQLInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The review.")],
        input: ReviewPatchInput,
    ) -> ReviewType:
        """The changed review.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, `NOT_FOUND`, or
                `FORBIDDEN` (another user's review).
        """
        async with mutation_errors(info.context.db_session):
            row = await info.context.reviews.update_review(
                database_id(id, type_name=REVIEW_TYPE_NAME),
                _actor(info),
                input.to_fields(),
                auto_commit=True,
            )
        return ReviewType.from_model(row)

    @strawberry.mutation(
        permission_classes=GUARDS,
        description="Delete your review; returns its id.",
    )
    async def delete_review(
        self,
        info: GraphQLInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The review.")],
    ) -> strawberry.ID:
        """The id of the removed review.

        Raises:
            GraphQLError: `BAD_USER_INPUT`, `NOT_FOUND`, or `FORBIDDEN`.
        """
        async with mutation_errors(info.context.db_session):
            await info.context.reviews.delete_review(
                database_id(id, type_name=REVIEW_TYPE_NAME),
                _actor(info),
                auto_commit=True,
            )
        return id
