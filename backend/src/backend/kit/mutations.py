"""The create, update and delete mutations of an entity, written once.

A mutation class assigns the fields it serves, like strawberry-django's
`mutations.create(...)`::

    create_book: BookType = mutations.create(BookType, BookInput, description=...)

Each requires an active, signed-in user (`UNAUTHENTICATED`), writes through
the node type's service with `auto_commit=True`, and runs inside
`mutation_errors`: a GraphQL error is still an HTTP 200, which the session's
commit-on-success hook would commit, so a failed mutation rolls the session
back itself. A mutation that needs more is written out as a method the same way.
"""

from typing import Any

import strawberry

from backend.graphql.context import GraphQLInfo
from backend.graphql.errors import mutation_errors
from backend.graphql.permissions import IsAuthenticated
from backend.kit.annotations import typed
from backend.kit.relay import InputFields, ModelNode, database_id


def _mutation(resolve: Any, description: str) -> Any:
    return strawberry.mutation(
        resolver=resolve, permission_classes=[IsAuthenticated], description=description
    )


def create(
    node_type: type[ModelNode], input_type: type[InputFields], *, description: str
) -> Any:
    """`create<Type>(input)`: the stored row as `node_type`."""

    async def resolve(info: GraphQLInfo, input: Any) -> Any:
        """The stored row.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, or `CONFLICT`
                when a unique value is taken.
        """
        async with mutation_errors(info.context.db_session):
            row = await node_type.service(info).create_item(
                input.to_fields(), auto_commit=True
            )
        return node_type.from_model(row)

    return _mutation(typed(resolve, input=input_type, returns=node_type), description)


def update(
    node_type: type[ModelNode], input_type: type[InputFields], *, description: str
) -> Any:
    """`update<Type>(id, input)`: change the fields sent; the changed row."""

    async def resolve(info: GraphQLInfo, id: strawberry.ID, input: Any) -> Any:
        """The changed row.

        Raises:
            GraphQLError: `BAD_USER_INPUT` naming the field, `NOT_FOUND`, or
                `CONFLICT` when another row has the new unique value.
        """
        async with mutation_errors(info.context.db_session):
            row = await node_type.service(info).update_item(
                database_id(id, type_name=node_type.type_name),
                input.to_fields(),
                auto_commit=True,
            )
        return node_type.from_model(row)

    return _mutation(typed(resolve, input=input_type, returns=node_type), description)


def delete(node_type: type[ModelNode], *, description: str) -> Any:
    """`delete<Type>(id)`: remove the row; its id."""

    async def resolve(info: GraphQLInfo, id: strawberry.ID) -> strawberry.ID:
        """The id of the removed row.

        Raises:
            GraphQLError: `BAD_USER_INPUT` or `NOT_FOUND`.
        """
        async with mutation_errors(info.context.db_session):
            await node_type.service(info).delete_by_id(
                database_id(id, type_name=node_type.type_name), auto_commit=True
            )
        return id

    return _mutation(resolve, description)
