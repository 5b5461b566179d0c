"""REST cursor pagination: Litestar's cursor paginator over the keyset pager.

Every list endpoint answers `{"items": [...], "page": {"next_cursor",
"limit", "has_next"}}`.
"""

from collections.abc import Callable

import msgspec
from litestar.pagination import AbstractAsyncCursorPaginator

from backend.paging.pager import KeysetPager


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
    """Pages a keyset listing in the REST envelope, each row made an item."""

    def __init__(self, pager: KeysetPager[M], *, to_item: Callable[[M], T]) -> None:
        self._pager = pager
        self._to_item = to_item

    async def get_items(
        self, cursor: str | None, results_per_page: int
    ) -> tuple[list[T], str | None]:
        """Rows after `cursor` and the cursor of the following page, if any.

        Raises:
            InvalidCursorError: the cursor is malformed, forged or from another query.
        """
        # `?cursor=` (empty) asks for the first page, as no cursor does.
        page = await self._pager.read(
            start=self._pager.position(cursor),
            size=results_per_page,
            size_name="limit",
        )
        next_cursor = self._pager.cursor_of(page.rows[-1]) if page.has_more else None
        return [self._to_item(row) for row in page.rows], next_cursor

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
