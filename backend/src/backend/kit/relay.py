"""Relay helpers every entity's GraphQL types and queries share.

- `database_id`: the database id inside an id argument, read by the one strict
  parser (`backend.graphql.global_ids`).
- `ModelNode`: a node type's `from_model`, `load` and Relay's `resolve_nodes`,
  through its service's `get_by_ids` (one query, however many ids).
- `connection_of`: a `relay.Connection` page read by a keyset pager.
- `related_node` and `child_connection`: a node's relations (`Review.book`,
  `Book.reviews`), each batched per request by a DataLoader
  (`graphql.loaders`): one statement for every parent of a page.
- `InputFields`: an input's `to_fields()`, the values a client sent.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from functools import cache, partial
from typing import Annotated, Any, Literal, Self, overload

import strawberry
from advanced_alchemy.exceptions import NotFoundError
from strawberry import relay
from strawberry.types.base import StrawberryObjectDefinition

from backend.errors import InvalidFieldError
from backend.graphql.context import GraphQLInfo
from backend.graphql.global_ids import database_id_of
from backend.graphql.nodes import node_type as named_node_type
from backend.kit.fields import sent_values
from backend.kit.services import EntityService, KeysetListMixin, ListQuery
from backend.kit.text import database_id as node_database_id
from backend.paging.cursors import query_scope
from backend.paging.keyset import KeysetPage, Position
from backend.paging.pager import MAX_PAGE_SIZE, KeysetPager
from backend.paging.relay import ConnectionArgs, keyset_slice


def database_id(global_id: str, *, type_name: str, field: str = "id") -> int:
    """The database id inside `global_id`, an id argument of `type_name`.

    Raises:
        InvalidFieldError: on `field`, when `global_id` is malformed or another
            type's id (`global_ids.database_id_of`).
    """
    return database_id_of(global_id, type_name, field=field)


@cache
def _field_names(node_type: type[Any]) -> tuple[str, ...]:
    # Relay's own private fields (`_id`) are not the row's.
    # Fields with a resolver (`Book.reviews`) are not the row's either.
    names = (field.name for field in fields(node_type) if field.init)
    return tuple(name for name in names if not name.startswith("_"))


class ModelNode:
    """Mixin of a `relay.Node` type copied from a stored row by field name.

    A type says which service loads it (`service`) and its GraphQL name
    (`type_name`); the rest is here.
    """

    type_name: str
    not_found: str = "Not found."

    @classmethod
    def service(cls, info: GraphQLInfo) -> EntityService[Any]:
        """The service that loads this type's rows (from `info.context`)."""
        raise NotImplementedError

    @classmethod
    def lister(cls, info: GraphQLInfo) -> KeysetListMixin[Any, Any]:
        """The service, which lists this type's rows a keyset page at a time.

        Raises:
            TypeError: the type's service lists no rows (a programming error).
        """
        service = cls.service(info)
        if not isinstance(service, KeysetListMixin):
            raise TypeError(f"{cls.type_name}'s service lists no keyset pages")
        return service

    @classmethod
    def from_model(cls, stored: object) -> Self:
        """The type of a stored row (a model or a listing's record)."""
        return cls(**{name: getattr(stored, name) for name in _field_names(cls)})

    @classmethod
    async def load(cls, info: GraphQLInfo, *, ids: Sequence[int]) -> list[Self | None]:
        """The rows with these ids, in order, `None` where none exists (one query).

        Raises:
            InvalidFieldError: more than 100 ids.
        """
        if len(ids) > MAX_PAGE_SIZE:
            raise InvalidFieldError("ids", f"ask for at most {MAX_PAGE_SIZE} ids")
        rows = await cls.service(info).get_by_ids(ids)
        return [None if row is None else cls.from_model(row) for row in rows]

    @classmethod
    async def load_one(cls, info: GraphQLInfo, global_id: str) -> Self | None:
        """The row `global_id` names, or None when it does not exist.

        Raises:
            InvalidFieldError: `global_id` is not an id of this type.
        """
        (node,) = await cls.load(
            info, ids=[database_id(global_id, type_name=cls.type_name)]
        )
        return node

    @overload
    @classmethod
    async def resolve_nodes(
        cls, *, info: GraphQLInfo, node_ids: Iterable[str], required: Literal[True]
    ) -> Iterable[Self]: ...

    @overload
    @classmethod
    async def resolve_nodes(
        cls,
        *,
        info: GraphQLInfo,
        node_ids: Iterable[str],
        required: Literal[False] = ...,
    ) -> Iterable[Self | None]: ...

    @overload
    @classmethod
    async def resolve_nodes(
        cls, *, info: GraphQLInfo, node_ids: Iterable[str], required: bool
    ) -> Iterable[Self] | Iterable[Self | None]: ...

    @classmethod
    async def resolve_nodes(
        cls,
        *,
        info: GraphQLInfo,
        node_ids: Iterable[str],
        required: bool = False,
    ) -> Iterable[Self] | Iterable[Self | None]:
        """Relay's `node`/`nodes` lookup: `load` by the ids inside global ids.

        Raises:
            InvalidFieldError: more than 100 ids, or one is not a database id.
            NotFoundError: `required` and a row does not exist.
        """
        parsed = [node_database_id(node_id) for node_id in node_ids]
        ids = [node_id for node_id in parsed if node_id is not None]
        if len(ids) != len(parsed):
            raise InvalidFieldError("id", f"id is not the id of a {cls.type_name}")
        nodes = await cls.load(info, ids=ids)
        if required and None in nodes:
            raise NotFoundError(detail=cls.not_found)
        return nodes


async def connection_of[C: relay.Connection[Any], M](
    connection_type: Callable[..., C],
    pager: KeysetPager[M],
    args: ConnectionArgs,
    *,
    node: Callable[[M], Any],
    **extra: object,
) -> C:
    """The connection page `args` ask for, read with one keyset query.

    `extra` fills the connection's own (private) fields.

    Raises:
        InvalidFieldError: as `paging.relay.keyset_slice`.
    """
    page = await keyset_slice(args, pager)
    edges = [
        relay.Edge(cursor=cursor, node=node(row))
        for row, cursor in zip(page.rows, page.cursors, strict=True)
    ]
    return connection_type(edges=edges, page_info=page.page_info, **extra)


async def _load_nodes(
    kind: type[ModelNode], info: GraphQLInfo, ids: list[int]
) -> list[ModelNode | None]:
    rows = await kind.service(info).get_by_ids(ids)
    return [None if row is None else kind.from_model(row) for row in rows]


def lazy_type(name: str, module: str) -> Any:
    """The type `name` of `module`, as a `strawberry.lazy` annotation: another
    app's type, named without importing it (for `graphql_type=`)."""
    annotated: Any = Annotated
    return annotated[name, strawberry.lazy(module)]


def schema_type(info: GraphQLInfo, name: str) -> type[Any]:
    """The class of the schema's object type `name`: another app's type,
    reached without importing it.

    Raises:
        TypeError: the schema has no object type `name` (a programming error).
    """
    definition = info.schema.get_type_by_name(name)
    if not isinstance(definition, StrawberryObjectDefinition):
        raise TypeError(f"the schema has no object type {name}")
    return definition.origin


async def related_node(info: GraphQLInfo, type_name: str, node_id: int | None) -> Any:
    """The `type_name` node with this database id (None for None, or a row
    that is gone), e.g. a review's book.

    Every such field of the request resolved in the same tick joins one
    batch: one `get_by_ids` statement for a page of reviews' books. The type
    is found by its GraphQL name, so an app need not import another app's
    types (its field's type is a `strawberry.lazy` annotation).

    Raises:
        TypeError: `type_name` names no `ModelNode` type (a programming error).
    """
    if node_id is None:
        return None
    kind = named_node_type(info, type_name, field="id")
    if not issubclass(kind, ModelNode):
        raise TypeError(f"{type_name} is not a ModelNode")
    load = partial(_load_nodes, kind, info)
    return await info.context.loaders.get(("node", kind), load).load(node_id)


@dataclass(frozen=True, slots=True)
class _PageKey:
    """One parent's page as a DataLoader key; the rest is its argument group."""

    parent_id: int
    query: ListQuery
    after: Position | None
    limit: int
    backward: bool


async def _load_pages(
    service: KeysetListMixin[Any, Any], parent: str, keys: list[_PageKey]
) -> list[KeysetPage[Any]]:
    """The pages of a batch: one `list_pages_for` statement per argument group."""
    groups: defaultdict[tuple[ListQuery, Position | None, int, bool], list[int]]
    groups = defaultdict(list)
    for key in keys:
        groups[key.query, key.after, key.limit, key.backward].append(key.parent_id)
    pages: dict[_PageKey, KeysetPage[Any]] = {}
    for (query, after, limit, backward), parent_ids in groups.items():
        found = await service.list_pages_for(
            parent,
            parent_ids,
            query,
            limit=limit,
            after=after,
            backward=backward,
        )
        for parent_id, page in found.items():
            pages[_PageKey(parent_id, query, after, limit, backward)] = page
    return [pages[key] for key in keys]


def child_scope(parent: str, parent_id: int, query: ListQuery) -> str:
    """The scope of a parent's nested cursors: the parent and the listing's
    scope (its filters and order)."""
    return query_scope([parent, parent_id, query.scope()])


async def child_connection[C: relay.Connection[Any]](
    connection_type: Callable[..., C],
    node_type: type[ModelNode],
    info: GraphQLInfo,
    *,
    parent: str,
    parent_id: int,
    query: ListQuery,
    args: ConnectionArgs,
    **extra: object,
) -> C:
    """A parent's connection page (`Book.reviews`): the rows of `node_type`
    whose column `parent` holds `parent_id`, as `connection_of` reads them.

    The page is read through the request's loader of (`node_type`,
    `parent`): every parent's page asked for in the same tick with the same
    arguments is read by one statement (`KeysetListMixin.list_pages_for`).
    The pager is the one every list uses (decode, fetch, encode); its cursors
    are bound to the parent and the order (`child_scope`), so a cursor of one
    parent is refused on another.

    Raises:
        InvalidFieldError: as `paging.relay.keyset_slice`.
    """
    service = node_type.lister(info)
    loader = info.context.loaders.get(
        ("pages", node_type, parent), partial(_load_pages, service, parent)
    )

    def fetch(after: Position | None, limit: int, backward: bool) -> Any:
        return loader.load(_PageKey(parent_id, query, after, limit, backward))

    pager = KeysetPager(
        fetch=fetch,
        order=query.order,
        codec=info.context.cursor_codec,
        scope=child_scope(parent, parent_id, query),
    )
    return await connection_of(
        connection_type, pager, args, node=node_type.from_model, **extra
    )


class InputFields:
    """Mixin of a `@strawberry.input` dataclass: `to_fields()` gives the
    service the fields the client sent (a partial change leaves out the
    `strawberry.UNSET` ones; a null stays a null)."""

    def to_fields(self) -> dict[str, Any]:
        """The fields the client sent, as service values."""
        values = asdict(self)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        return sent_values(values, unset=strawberry.UNSET)
