"""What every entity's REST controller shares: its id parameter, its list
parameters, its route decorators (summaries, guards, documented errors), its
dependencies, the mapping of stored rows to response bodies, and the five
handlers of an entity (`list_handler` ... `delete_handler`).

A controller assigns the handlers it serves as class attributes, like
`list_books = rest.list_handler(BookRead, plural="books")`; a handler that
needs more is written out as a method with the same route decorator (a
list method reads its page with `keyset_page`, as `list_handler` does).
"""

import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import msgspec
from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.handlers import HTTPRouteHandler
from litestar.params import JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.http.bearer import BEARER_SECURITY, requires_active_user
from backend.http.errors import error_responses
from backend.http.state import cursor_codec_of
from backend.kit.annotations import named, typed
from backend.kit.fields import sent_values
from backend.kit.services import ListQuery
from backend.kit.text import MAX_DATABASE_ID
from backend.paging.cursors import (
    CURSOR_PATTERN,
    MAX_CURSOR_LENGTH,
    MIN_CURSOR_LENGTH,
)
from backend.paging.pager import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from backend.paging.rest import KeysetPaginator, Page

# Ids are BIGINT: a larger number is a 400, not a database error. Litestar
# writes bounds as floats (2^63-1 becomes 2^63): the document gets the integer.
ItemId = Annotated[
    int,
    PathParameter(ge=1, le=MAX_DATABASE_ID, schema_extra={"maximum": MAX_DATABASE_ID}),
]
Limit = Annotated[
    int,
    QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="Page size, 1 to 100."),
]
Cursor = Annotated[
    str | None,
    QueryParameter(
        description="`page.next_cursor` of the previous page; empty or absent "
        f"for the first. {MIN_CURSOR_LENGTH} to {MAX_CURSOR_LENGTH} characters.",
        max_length=MAX_CURSOR_LENGTH,
        pattern=CURSOR_PATTERN,
    ),
]


def read_as[T](body_type: type[T], stored: object) -> T:
    """`stored` (a model or a listing's record) as the response body `body_type`,
    field by field by name."""
    return msgspec.convert(stored, body_type, from_attributes=True)


class BodyFields:
    """Mixin of a REST body (`msgspec.Struct`): `to_fields()` gives the
    service the fields the client sent (a partial change leaves out the
    `msgspec.UNSET` ones; a null stays a null)."""

    __slots__ = ()

    def to_fields(self) -> dict[str, Any]:
        """The fields the client sent, as service values."""
        values = msgspec.structs.asdict(self)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        return sent_values(values, unset=msgspec.UNSET)


def _after(
    dependency: str, provider: Callable[..., ListQuery]
) -> Callable[..., ListQuery]:
    """`provider`, also taking (and ignoring) the dependency `dependency`.

    Litestar resolves independent dependencies side by side in a task group,
    which costs a list request more than its query; depending on the service,
    the list query is resolved after it, in the same task.
    """
    signature = inspect.signature(provider)

    def provide(**kwargs: Any) -> ListQuery:
        del kwargs[dependency]
        return provider(**kwargs)

    waits_for = inspect.Parameter(
        dependency, inspect.Parameter.KEYWORD_ONLY, annotation=Any
    )
    provide.__signature__ = signature.replace(  # pyrefly: ignore[missing-attribute]  # ty: ignore[missing-attribute]
        parameters=[*signature.parameters.values(), waits_for]
    )
    provide.__annotations__ = {**provider.__annotations__, dependency: Any}
    provide.__doc__ = provider.__doc__
    return provide


def dependencies(
    service: type[Any], listing: Callable[..., ListQuery]
) -> dict[str, Provide]:
    """A controller's dependencies: its service as `service` on the request's
    session, and its list query (from the query string) as `listing`."""
    return {
        "service": Provide(create_service_provider(service)),
        "listing": Provide(_after("service", listing), sync_to_thread=False),
    }


# Route decorators of the five operations of an entity at `/api/<plural>`
# (item path `/{item_id}`): summaries, guards and documented errors, once.
# `errors` documents the statuses an entity's handler adds (a 404 for an
# unknown parent in the path, a 403 for an item only its owner may change).
type Route = Callable[[Callable[..., Any]], HTTPRouteHandler]


def list_route(plural: str, *, errors: Iterable[int] = ()) -> Route:
    """`GET /`: one keyset page; filters and `sort` are bound into the cursor."""
    return get(
        "/",
        summary=f"List {plural}, one keyset page at a time",
        description="Filters and `sort` are bound into the cursor: change them "
        "and drop the cursor.",
        responses=error_responses(400, *errors),
    )


def read_route(noun: str) -> Route:
    """`GET /{item_id}`: one item."""
    return get(
        "/{item_id:str}",
        summary=f"Get one {noun}",
        responses=error_responses(404),
    )


def create_route(noun: str, *, errors: Iterable[int] = ()) -> Route:
    """`POST /`: store an item; needs a bearer token."""
    return post(
        "/",
        summary=f"Create a {noun}",
        responses=error_responses(400, 401, 409, 413, *errors),
        guards=[requires_active_user],
        security=BEARER_SECURITY,
    )


def update_route(noun: str, *, errors: Iterable[int] = ()) -> Route:
    """`PATCH /{item_id}`: change the fields sent; needs a bearer token."""
    return patch(
        "/{item_id:str}",
        summary=f"Change some fields of a {noun}",
        responses=error_responses(400, 401, 404, 409, 413, *errors),
        guards=[requires_active_user],
        security=BEARER_SECURITY,
    )


def delete_route(noun: str, *, errors: Iterable[int] = ()) -> Route:
    """`DELETE /{item_id}`: remove an item; needs a bearer token."""
    return delete(
        "/{item_id:str}",
        summary=f"Delete a {noun}",
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(401, 404, *errors),
        guards=[requires_active_user],
        security=BEARER_SECURITY,
    )


# The handlers. Each reads the controller's dependencies (`dependencies`):
# the entity's service as `service`, its list query as `listing`.
Service = NamedDependency[Any]  # the service, the list query: not validated again


async def keyset_page(
    service: Any,
    listing: ListQuery,
    body_type: type[Any],
    *,
    state: State,
    cursor: str | None,
    limit: int,
) -> Page[Any]:
    """The page after `cursor` of `service`'s `listing`, each row as `body_type`.

    Raises:
        InvalidCursorError: the cursor is malformed, forged or from another query.
    """
    paginator = KeysetPaginator(
        service.pager(listing, codec=cursor_codec_of(state)),
        to_item=lambda row: read_as(body_type, row),
    )
    return await paginator.page(cursor=cursor, limit=limit)


def list_handler(body_type: Any, *, plural: str) -> HTTPRouteHandler:
    """`GET /`: the page after `cursor` of the listing, each row as `body_type`."""

    async def list_items(
        self: Controller,
        *,
        service: Service,
        listing: Service,
        state: State,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> Any:
        """A page matching the filters, in `sort` order.

        Raises:
            InvalidCursorError: the cursor is malformed, forged or from another query.
        """
        return await keyset_page(
            service, listing, body_type, state=state, cursor=cursor, limit=limit
        )

    handler = named(typed(list_items, returns=Page[body_type]), f"list_{plural}")
    return list_route(plural)(handler)


def read_handler(body_type: Any, *, noun: str) -> HTTPRouteHandler:
    """`GET /{item_id}`: the item as `body_type`; 404 when none has the id."""

    async def get_item(self: Controller, item_id: ItemId, service: Service) -> Any:
        """The item with this id."""
        return read_as(body_type, await service.get(item_id))

    return read_route(noun)(named(typed(get_item, returns=body_type), f"get_{noun}"))


def create_handler(body_type: Any, data_type: Any, *, noun: str) -> HTTPRouteHandler:
    """`POST /`: store the item `data_type` holds through the service's rules."""

    async def create_item(self: Controller, data: Any, service: Service) -> Any:
        """The stored item."""
        return read_as(body_type, await service.create_item(data.to_fields()))

    handler = typed(create_item, data=JSONBody[data_type], returns=body_type)
    handler = named(handler, f"create_{noun}")
    return create_route(noun)(handler)


def update_handler(body_type: Any, data_type: Any, *, noun: str) -> HTTPRouteHandler:
    """`PATCH /{item_id}`: change the fields `data_type` sent."""

    async def update_item(
        self: Controller, item_id: ItemId, data: Any, service: Service
    ) -> Any:
        """The changed item."""
        return read_as(body_type, await service.update_item(item_id, data.to_fields()))

    handler = typed(update_item, data=JSONBody[data_type], returns=body_type)
    handler = named(handler, f"update_{noun}")
    return update_route(noun)(handler)


def delete_handler(*, noun: str) -> HTTPRouteHandler:
    """`DELETE /{item_id}`: remove the item."""

    async def delete_item(self: Controller, item_id: ItemId, service: Service) -> None:
        """Remove the item."""
        await service.delete_by_id(item_id)

    return delete_route(noun)(named(delete_item, f"delete_{noun}"))
