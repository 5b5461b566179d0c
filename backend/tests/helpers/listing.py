"""Page through a REST listing to its end, and predict a keyset order."""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import httpx

type Item = dict[str, Any]


async def page_through(
    client: httpx.AsyncClient,
    path: str,
    params: Mapping[str, str | int],
    *,
    between_pages: Callable[[int], Any] | None = None,
) -> list[Item]:
    """Every item of a listing, following `next_cursor` to the end."""
    items: list[Item] = []
    cursor: str | None = None
    pages = 0
    while True:
        query = dict(params) | ({"cursor": cursor} if cursor else {})
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        pages += 1
        assert body["page"]["has_next"] is (body["page"]["next_cursor"] is not None)
        cursor = body["page"]["next_cursor"]
        if cursor is None:
            return items
        if between_pages is not None:
            await between_pages(pages)


def expected_order(items: list[Item], sort: str) -> list[int]:
    """Ids in the order the API promises: key, then id; NULL dates last."""
    field = sort.removeprefix("-")
    descending = sort.startswith("-")
    present = [b for b in items if b[field] is not None]
    missing = [b for b in items if b[field] is None]
    present.sort(key=lambda b: (b[field], b["id"]), reverse=descending)
    missing.sort(key=lambda b: b["id"], reverse=descending)
    return [b["id"] for b in present + missing]


def parse_date(value: str | None) -> date | None:
    """An ISO date from a response, or None."""
    return None if value is None else date.fromisoformat(value)
