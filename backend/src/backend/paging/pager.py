"""One keyset pager: page-size checks and the decode -> fetch -> encode loop.

REST (`paging.rest`) and Relay (`paging.relay`) are thin adapters over it: both
read a page with one query of at most `size + 1` rows after the position a
signed cursor names, and sign the positions of the rows they hand out.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from backend.errors import InvalidFieldError
from backend.paging.cursors import CursorCodec
from backend.paging.keyset import KeysetPage, Position, SortOrder

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

type FetchPage[M] = Callable[[Position | None, int, bool], Awaitable[KeysetPage[M]]]
"""Rows after a position, at most a limit, backward or not (`BookService.list_page`)."""


def page_size(value: int | None, *, name: str) -> int:
    """`value`, or the default page size when it is None.

    Raises:
        InvalidFieldError: on `name`, when `value` is outside 1..MAX_PAGE_SIZE.
    """
    if value is None:
        return DEFAULT_PAGE_SIZE
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidFieldError(name, f"{name} must be between 1 and {MAX_PAGE_SIZE}")
    return value


@dataclass(frozen=True, slots=True)
class PagerPage[M]:
    """The rows of one page, in the order, and what lies on either side."""

    rows: list[M]
    has_more: bool
    """More rows follow in the reading direction."""
    resumed: bool
    """The page started at a cursor, so rows lay before it when it was issued."""


class KeysetPager[M]:
    """Reads pages of one listing: its fetch, its order, and its cursors' scope."""

    __slots__ = ("_codec", "_fetch", "_order", "_scope")

    def __init__(
        self,
        *,
        fetch: FetchPage[M],
        order: SortOrder,
        codec: CursorCodec,
        scope: str,
    ) -> None:
        self._fetch = fetch
        self._order = order
        self._codec = codec
        self._scope = scope

    def position(self, cursor: str | None) -> Position | None:
        """Where `cursor` points; None (the first page) when it is absent or empty.

        Raises:
            InvalidCursorError: the cursor is malformed, forged or from another query.
        """
        if not cursor:
            return None
        return self._codec.decode(
            cursor, scope=self._scope, value_type=self._order.value_type
        )

    def cursor_of(self, row: M) -> str:
        """The signed cursor of the position just after `row`."""
        return self._codec.encode(self._order.position_of(row), scope=self._scope)

    async def read(
        self,
        *,
        start: Position | None,
        size: int | None,
        size_name: str,
        backward: bool = False,
    ) -> PagerPage[M]:
        """The page of `size` rows after `start` (before it with `backward`).

        Raises:
            InvalidFieldError: on `size_name`, when `size` is outside 1..100.
        """
        page = await self._fetch(start, page_size(size, name=size_name), backward)
        return PagerPage(
            rows=page.items, has_more=page.has_more, resumed=start is not None
        )
