"""Relay helpers every entity's GraphQL types and queries share.

- `database_id`: the database id inside an id argument, read by the one strict
  parser (`backend.graphql.global_ids`).
- `ModelNode`: a node type's `from_model`, `load` and Relay's `resolve_nodes`,
  through its service's `get_by_ids` (one query, however many ids).
- `connection_of`: a `relay.Connection` page read by a keyset pager.
- `InputFields`: an input's `to_fields()`, the values a client sent.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, fields
from functools import cache
from typing import Any, Literal, Self, overload

import strawberry
from advanced_alchemy.exceptions import NotFoundError
from strawberry import relay

from backend.errors import InvalidFieldError
from backend.graphql.context import GraphQLInfo
from backend.graphql.global_ids import database_id_of
from backend.kit.fields import sent_values
from backend.kit.services import KeysetListMixin
from backend.kit.text import database_id as node_database_id
from backend.paging.pager import MAX_PAGE_SIZE, KeysetPager
from backend.paging.relay import ConnectionArgs, keyset_slice


def database_id(global_id: str, *, type_name: str) -> int:
    """The database id inside `global_id`, an id argument of `type_name`.

    Raises:
        InvalidFieldError: on `id`, when `global_id` is malformed or another
            type's id (`global_ids.database_id_of`).
    """
    return database_id_of(global_id, type_name)


@cache
def _field_names(node_type: type[Any]) -> tuple[str, ...]:
    # Relay's own private fields (`_id`) are not the row's.
    names = (field.name for field in fields(node_type))
    return tuple(name for name in names if not name.startswith("_"))


class ModelNode:
    """Mixin of a `relay.Node` type copied from a stored row by field name.

    A type says which service loads it (`service`) and its GraphQL name
    (`type_name`); the rest is here.
    """

    type_name: str
    not_found: str = "Not found."

    @classmethod
    def service(cls, info: GraphQLInfo) -> KeysetListMixin[Any, Any]:
        """The service that loads this type's rows (from `info.context`)."""
        raise NotImplementedError

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


class InputFields:
    """Mixin of a `@strawberry.input` dataclass: `to_fields()` gives the
    service the fields the client sent (a partial change leaves out the
    `strawberry.UNSET` ones; a null stays a null)."""

    def to_fields(self) -> dict[str, Any]:
        """The fields the client sent, as service values."""
        values = asdict(self)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        return sent_values(values, unset=strawberry.UNSET)
