"""Relay's `node` and `nodes` fields, reading ids with `global_ids`.

Strawberry's `relay.node()` fields decode ids leniently and look the type up
by any name, the `Node` interface included (whose `resolve_nodes` raises, an
internal error). Here an id must name a concrete type implementing `Node`;
any other name (an interface, `Query`, `PageInfo`, a connection, a scalar, an
unknown name) is `BAD_USER_INPUT` on the id argument, like a malformed id.
"""

import inspect
from collections import defaultdict
from collections.abc import Sequence
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types.base import StrawberryObjectDefinition

from backend.errors import InvalidFieldError
from backend.graphql.context import GraphQLInfo
from backend.graphql.global_ids import GlobalId, parse_global_id
from backend.paging.pager import MAX_PAGE_SIZE


def node_type(info: GraphQLInfo, type_name: str, *, field: str) -> type[relay.Node]:
    """The concrete object type implementing `Node` named `type_name`.

    Raises:
        InvalidFieldError: on `field`, when no such type exists.
    """
    definition = info.schema.get_type_by_name(type_name)
    if (
        isinstance(definition, StrawberryObjectDefinition)
        and not definition.is_interface
        and not definition.is_input
        and isinstance(definition.origin, type)
        and issubclass(definition.origin, relay.Node)
    ):
        return definition.origin
    raise InvalidFieldError(field, f"{field} is not the id of an object")


async def load_nodes(
    info: GraphQLInfo, ids: Sequence[GlobalId], *, field: str
) -> list[relay.Node | None]:
    """The nodes `ids` name, in order, `None` where none exists (one lookup per
    type).

    Raises:
        InvalidFieldError: on `field`, when an id names no node type.
    """
    positions: defaultdict[type[relay.Node], list[int]] = defaultdict(list)
    for position, global_id in enumerate(ids):
        positions[node_type(info, global_id.type_name, field=field)].append(position)
    found: list[relay.Node | None] = [None] * len(ids)
    for kind, indexes in positions.items():
        resolved = kind.resolve_nodes(
            info=info, node_ids=[str(ids[i].database_id) for i in indexes]
        )
        nodes = await resolved if inspect.isawaitable(resolved) else resolved
        for index, node in zip(indexes, nodes, strict=True):
            found[index] = node
    return found


@strawberry.type
class NodeQuery:
    """Relay's `node` and `nodes` fields of the root `Query`."""

    @strawberry.field(
        description="The object with this id, or null when it does not exist."
    )
    async def node(
        self,
        info: GraphQLInfo,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The ID of the object.")
        ],
    ) -> relay.Node | None:
        """The node `id` names, or None.

        Raises:
            InvalidFieldError: on `id`, malformed or naming no node type.
        """
        (found,) = await load_nodes(info, [parse_global_id(id)], field="id")
        return found

    @strawberry.field(
        description="The objects with these ids, in order; null where none exists."
    )
    async def nodes(
        self,
        info: GraphQLInfo,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description="The IDs of the objects."),
        ],
    ) -> list[relay.Node | None]:
        """The nodes `ids` name, in order, None where none exists.

        Raises:
            InvalidFieldError: on `ids`, more than 100 ids, or one is
                malformed or names no node type.
        """
        if len(ids) > MAX_PAGE_SIZE:
            raise InvalidFieldError("ids", f"ask for at most {MAX_PAGE_SIZE} ids")
        parsed = [parse_global_id(value, field="ids") for value in ids]
        return await load_nodes(info, parsed, field="ids")
