"""REST cursor pagination: Litestar's cursor paginator over the keyset core.

Every list endpoint answers `{"items": [...], "page": {"next_cursor",
"limit", "has_next"}}`.
"""

from collections.abc import Awaitable, Callable

import msgspec
from litestar.pagination import AbstractAsyncCursorPaginator

from backend.cursors import CursorCodec
from backend.keyset import KeysetPage, Position, SortOrder

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageInfo(msgspec.Struct):
    """Where the client goes next; `next_cursor` is null on the last page."""

    next_cursor: str | None
    limit: int
    has_next: bool


class Page[T](msgspec.Struct):
    """One page of a listing."""

    items: list[T]
    page: PageInfo


class KeysetPaginator[M, T](AbstractAsyncCursorPaginator[str, T]):
    """Pages a keyset listing: decodes the client's cursor, signs the next one."""

    def __init__(
        self,
        *,
        fetch: Callable[[Position | None, int], Awaitable[KeysetPage[M]]],
        order: SortOrder,
        codec: CursorCodec,
        scope: str,
        to_item: Callable[[M], T],
    ) -> None:
        self._fetch = fetch
        self._order = order
        self._codec = codec
        self._scope = scope
        self._to_item = to_item

    async def get_items(
        self, cursor: str | None, results_per_page: int
    ) -> tuple[list[T], str | None]:
        """Rows after `cursor` and the cursor of the following page, if any.

        Raises:
            InvalidCursorError: the cursor is malformed, forged or from another query.
        """
        after = None
        if cursor:  # `?cursor=` (empty) asks for the first page
            after = self._codec.decode(
                cursor, scope=self._scope, value_type=self._order.value_type
            )
        result = await self._fetch(after, results_per_page)
        next_cursor = None
        if result.has_more:
            last = self._order.position_of(result.items[-1])
            next_cursor = self._codec.encode(last, scope=self._scope)
        return [self._to_item(row) for row in result.items], next_cursor

    async def page(self, *, cursor: str | None, limit: int) -> Page[T]:
        """The page after `cursor`, in the REST envelope."""
        pagination = await self(cursor=cursor, results_per_page=limit)
        return Page(
            items=pagination.items,
            page=PageInfo(
                next_cursor=pagination.cursor,
                limit=pagination.results_per_page,
                has_next=pagination.cursor is not None,
            ),
        )
