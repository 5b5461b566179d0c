"""Relay connections over the keyset core: the GraphQL twin of `pagination.py`.

`first`/`after` read forward, `last`/`before` read backward; either way one
query of at most `first`/`last` + 1 rows, and every edge's cursor is a signed
position bound to the query's filters and order, as REST's cursors are.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from strawberry import relay

from backend.cursors import CursorCodec
from backend.errors import InvalidCursorError, InvalidFieldError
from backend.keyset import KeysetPage, Position, SortOrder
from backend.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

type FetchPage[M] = Callable[[Position | None, int, bool], Awaitable[KeysetPage[M]]]
"""Rows after a position, at most a limit, backward or not (`BookService.list_page`)."""


@dataclass(frozen=True, slots=True)
class ConnectionArgs:
    """The paging arguments of a connection field."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def backward(self) -> bool:
        """Whether the client reads backward (`last`/`before`).

        Raises:
            InvalidFieldError: forward and backward arguments are mixed.
        """
        backward = self.last is not None or self.before is not None
        if backward and (self.first is not None or self.after is not None):
            field = "last" if self.last is not None else "before"
            raise InvalidFieldError(
                field,
                "page forward with first/after or backward with last/before, not both",
            )
        return backward


@dataclass(frozen=True, slots=True)
class KeysetSlice[M]:
    """The rows of one connection page, each with its cursor, and the page info."""

    rows: list[M]
    cursors: list[str]
    page_info: relay.PageInfo


def _page_size(name: str, value: int | None) -> int:
    if value is None:
        return DEFAULT_PAGE_SIZE
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidFieldError(name, f"{name} must be between 1 and {MAX_PAGE_SIZE}")
    return value


def _position(
    name: str, cursor: str | None, *, codec: CursorCodec, order: SortOrder, scope: str
) -> Position | None:
    if not cursor:
        return None
    try:
        return codec.decode(cursor, scope=scope, value_type=order.value_type)
    except InvalidCursorError as exc:
        raise InvalidFieldError(name, exc.message) from exc


async def keyset_slice[M](
    args: ConnectionArgs,
    *,
    fetch: FetchPage[M],
    order: SortOrder,
    codec: CursorCodec,
    scope: str,
) -> KeysetSlice[M]:
    """The page `args` ask for, read with one keyset query.

    `hasPreviousPage` when reading forward (and `hasNextPage` when reading
    backward) is true exactly when a cursor was given: rows existed on that
    side when the cursor was issued, and checking again would cost a query.

    Raises:
        InvalidFieldError: `first`/`last` is outside 1..100, forward and
            backward arguments are mixed, or a cursor is malformed, forged
            or from another query (naming `after` or `before`).
    """
    backward = args.backward
    size_name, cursor_name = ("last", "before") if backward else ("first", "after")
    size = _page_size(size_name, args.last if backward else args.first)
    cursor = args.before if backward else args.after
    start = _position(cursor_name, cursor, codec=codec, order=order, scope=scope)
    page = await fetch(start, size, backward)
    cursors = [codec.encode(order.position_of(row), scope=scope) for row in page.items]
    more_before, more_after = (
        (page.has_more, start is not None)
        if backward
        else (start is not None, page.has_more)
    )
    return KeysetSlice(
        rows=page.items,
        cursors=cursors,
        page_info=relay.PageInfo(
            has_next_page=more_after,
            has_previous_page=more_before,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
    )
