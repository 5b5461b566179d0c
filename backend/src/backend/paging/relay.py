"""Relay connections over the keyset pager: the GraphQL twin of `paging.rest`.

`first`/`after` read forward, `last`/`before` read backward; either way one
query of at most `first`/`last` + 1 rows, and every edge's cursor is a signed
position bound to the query's filters and order, as REST's cursors are.
"""

from dataclasses import dataclass

from strawberry import relay

from backend.errors import InvalidCursorError, InvalidFieldError
from backend.paging.keyset import Position
from backend.paging.pager import KeysetPager


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


def _position[M](
    name: str, cursor: str | None, pager: KeysetPager[M]
) -> Position | None:
    try:
        return pager.position(cursor)
    except InvalidCursorError as exc:
        raise InvalidFieldError(name, exc.message) from exc


async def keyset_slice[M](
    args: ConnectionArgs, pager: KeysetPager[M]
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
    cursor = args.before if backward else args.after
    page = await pager.read(
        start=_position(cursor_name, cursor, pager),
        size=args.last if backward else args.first,
        size_name=size_name,
        backward=backward,
    )
    cursors = [pager.cursor_of(row) for row in page.rows]
    more_before, more_after = (
        (page.has_more, page.resumed) if backward else (page.resumed, page.has_more)
    )
    return KeysetSlice(
        rows=page.rows,
        cursors=cursors,
        page_info=relay.PageInfo(
            has_next_page=more_after,
            has_previous_page=more_before,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
    )
