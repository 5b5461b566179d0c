"""What every entity's REST controller shares: its id parameter, its list
parameters, and the mapping of stored rows to response bodies."""

from typing import Annotated, Any

import msgspec
from litestar.params import PathParameter, QueryParameter

from backend.kit.services import KeysetListMixin, ListQuery
from backend.paging.cursors import (
    CURSOR_PATTERN,
    MAX_CURSOR_LENGTH,
    MIN_CURSOR_LENGTH,
    CursorCodec,
)
from backend.paging.pager import MAX_PAGE_SIZE
from backend.paging.rest import KeysetPaginator, Page

# Ids are BIGINT: a larger number is a 400, not a database error. Litestar
# writes bounds as floats (2^63-1 becomes 2^63): the document gets the integer.
MAX_ID = 2**63 - 1
ItemId = Annotated[
    int, PathParameter(ge=1, le=MAX_ID, schema_extra={"maximum": MAX_ID})
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


async def list_page[T](
    service: KeysetListMixin[Any, Any],
    query: ListQuery,
    *,
    codec: CursorCodec,
    body_type: type[T],
    cursor: str | None,
    limit: int,
) -> Page[T]:
    """The page after `cursor` of `query`'s listing, each row as `body_type`.

    Raises:
        InvalidCursorError: the cursor is malformed, forged or from another query.
        InvalidFieldError: `limit` is outside 1..100.
    """
    paginator = KeysetPaginator(
        service.pager(query, codec=codec),
        to_item=lambda row: read_as(body_type, row),
    )
    return await paginator.page(cursor=cursor, limit=limit)
