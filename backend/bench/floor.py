"""The floor: a bare ASGI app doing the REST list's single query and msgspec encoding.

It shows what a request costs without the framework, the ORM and the service
layers; `bench.run` compares the real endpoints with it.
"""

import os
from datetime import date, datetime

import asyncpg
import msgspec

QUERY = (
    "SELECT id, title, author, isbn, published_on, page_count, created_at, updated_at "
    "FROM book ORDER BY created_at DESC, id DESC LIMIT 21"
)


class Item(msgspec.Struct):
    id: int
    title: str
    author: str
    isbn: str
    published_on: date | None
    page_count: int | None
    created_at: datetime
    updated_at: datetime


class PageInfo(msgspec.Struct):
    next_cursor: str | None
    limit: int
    has_next: bool


class Page(msgspec.Struct):
    items: list[Item]
    page: PageInfo


_encoder = msgspec.json.Encoder()
_state: dict[str, asyncpg.Pool] = {}
_HEADERS = [(b"content-type", b"application/json")]


async def _lifespan(receive, send) -> None:  # noqa: ANN001
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            dsn = os.environ["FLOOR_DSN"]
            _state["pool"] = await asyncpg.create_pool(dsn, min_size=5, max_size=10)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await _state["pool"].close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope, receive, send) -> None:  # noqa: ANN001
    """Answer every HTTP request with the first page of books."""
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    rows = await _state["pool"].fetch(QUERY)
    items = [Item(*row) for row in rows[:20]]
    body = _encoder.encode(
        Page(
            items,
            PageInfo(
                next_cursor="x" if len(rows) > 20 else None,
                limit=20,
                has_next=len(rows) > 20,
            ),
        )
    )
    await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
    await send({"type": "http.response.body", "body": body})
