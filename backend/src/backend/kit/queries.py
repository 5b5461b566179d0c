"""The one-by-id and list query fields of an entity, written once.

A query class assigns the fields it serves::

    book_by_id: BookType | None = queries.by_id(BookType, description=...)
    books: BookConnection = queries.connection(BookConnection, BookType, ...)

The list is a `relay.Connection` read by the service's keyset pager: one
statement per page, `first`/`after` forward or `last`/`before` backward, its
cursors bound to the filter and the order. A field that needs more is
written out as a method with the same helpers (`ModelNode.load_one`,
`relay.connection_of`).

A node's list of another app's rows (`Book.reviews`) is `children(...)`:
its types are named, not imported (`strawberry.lazy`), and every parent's
page of a request is read by one statement (`relay.child_connection`).
"""

import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Protocol

import strawberry

from backend.graphql.context import GraphQLInfo
from backend.kit.annotations import typed
from backend.kit.relay import (
    ModelNode,
    child_connection,
    connection_of,
    lazy_type,
    schema_type,
)
from backend.kit.services import Listing
from backend.paging.relay import ConnectionArgs


class FilterInput(Protocol):
    """A `@strawberry.input` of a listing's filters."""

    def to_filter(self) -> Any:
        """The service's filter."""
        ...


def by_id(node_type: type[ModelNode], *, description: str) -> Any:
    """`<type>ById(id)`: the row the id names, or null."""

    async def resolve(info: GraphQLInfo, id: strawberry.ID) -> Any:
        """The row `id` names, or None when it does not exist.

        Raises:
            InvalidFieldError: `id` is malformed or another type's id.
        """
        return await node_type.load_one(info, id)

    resolver = typed(resolve, returns=node_type | None)
    return strawberry.field(resolver=resolver, description=description)


def connection(
    connection_type: type[Any],
    node_type: type[ModelNode],
    *,
    listing: Callable[..., Listing[Any, Any]],
    order: type[StrEnum],
    description: str,
    order_description: str,
    filter_type: Any = None,
) -> Any:
    """A connection field over `listing`: the paging arguments, `orderBy`,
    and `filter` when the listing has a `filter_type` input (a `FilterInput`).

    The connection gets the listing as its private `query` (for `totalCount`).
    """
    default_order = listing().sort

    async def resolve(
        info: GraphQLInfo,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: Any = None,
        order_by: Any = default_order,
    ) -> Any:
        """One page of the listing; cursors are bound to `filter` and `orderBy`.

        Raises:
            InvalidFieldError: a paging argument is out of range, mixed, or a
                cursor that is malformed, forged or from another query.
        """
        query = (
            listing(filter=filter.to_filter(), sort=order_by)
            if filter
            else listing(sort=order_by)
        )
        return await connection_of(
            connection_type,
            node_type.lister(info).pager(query, codec=info.context.cursor_codec),
            ConnectionArgs(first=first, after=after, last=last, before=before),
            node=node_type.from_model,
            query=query,
        )

    order_type: Any = order
    types: dict[str, object] = {
        "order_by": Annotated[
            order_type, strawberry.argument(description=order_description)
        ],
        "returns": connection_type,
    }
    if filter_type is not None:
        types["filter"] = filter_type | None
    resolver = typed(resolve, **types)
    if filter_type is None:
        resolver = _without_filter(resolver)
    return strawberry.field(resolver=resolver, description=description)


def children(
    connection: str,
    *,
    node: str,
    order: str,
    module: str,
    listing: Callable[..., Listing[Any, Any]],
    parent: str,
    description: str,
    order_description: str,
) -> Any:
    """A connection field of a node listing rows of another app that point at
    it (`Book.reviews`: the reviews whose `book_id` is the book's id).

    `connection`, `node` and `order` name the other app's connection, node
    and order enum, which `module` (its `graphql` package) exports: they are
    `strawberry.lazy` references, so neither app imports the other's types.
    The rows are `listing(sort=orderBy)` of the parent, a page per parent,
    batched per request (`relay.child_connection`); cursors are bound to the
    parent and the order.
    """
    default_order = listing().sort

    async def resolve(
        root: Any,
        info: GraphQLInfo,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        order_by: Any = default_order,
    ) -> Any:
        """This parent's page; cursors are bound to it and to `orderBy`.

        Raises:
            InvalidFieldError: a paging argument is out of range, mixed, or a
                cursor that is malformed, forged or from another parent or order.
        """
        return await child_connection(
            schema_type(info, connection),
            schema_type(info, node),
            info,
            parent=parent,
            parent_id=root.id,
            query=listing(sort=order_by),
            args=ConnectionArgs(first=first, after=after, last=last, before=before),
        )

    annotated: Any = Annotated
    order_type = annotated[
        type(default_order),
        strawberry.argument(
            description=order_description, graphql_type=lazy_type(order, module)
        ),
    ]
    return strawberry.field(
        resolver=typed(resolve, order_by=order_type),
        graphql_type=lazy_type(connection, module),
        description=description,
    )


def _without_filter(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """`resolve` without its `filter` argument: the listing has none."""
    signature = inspect.signature(resolve)
    kept = [p for p in signature.parameters.values() if p.name != "filter"]
    setattr(resolve, "__signature__", signature.replace(parameters=kept))  # noqa: B010  (read by Strawberry)
    return resolve
