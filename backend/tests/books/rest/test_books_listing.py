"""`GET /api/books`: keyset paging through every order, filters and the envelope."""

from datetime import date

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.helpers.listing import Item as Book
from tests.helpers.listing import expected_order, page_through, parse_date

SEEDED = 520


@pytest.fixture
async def books(client: httpx.AsyncClient, db_session: AsyncSession) -> list[Book]:
    """520 varied books, as the API shows them."""
    await seed_books(db_session, SEEDED)
    return await page_through(client, "/api/books", {"limit": 100})


async def test_default_order_is_newest_first_and_default_limit_is_20(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    body = (await client.get("/api/books")).json()
    assert body["page"]["limit"] == 20
    assert len(body["items"]) == 20
    ids = [book["id"] for book in body["items"]]
    assert ids == expected_order(books, "-created_at")[:20]


@pytest.mark.parametrize("sort", ["published_on", "-published_on"])
async def test_books_without_a_date_come_last(
    client: httpx.AsyncClient, books: list[Book], sort: str
) -> None:
    seen = await page_through(client, "/api/books", {"sort": sort, "limit": 50})
    dates = [book["published_on"] for book in seen]
    first_null = dates.index(None)
    assert all(value is None for value in dates[first_null:])
    assert all(value is not None for value in dates[:first_null])
    assert len(dates) - first_null == SEEDED // 5


async def test_last_page_has_no_cursor(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    body = (
        await client.get("/api/books", params={"limit": 100, "q": "Book 001"})
    ).json()
    assert body["page"] == {"next_cursor": None, "limit": 100, "has_next": False}
    assert body["items"]


async def test_empty_listing(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/books")).json()
    assert body == {
        "items": [],
        "page": {"next_cursor": None, "limit": 20, "has_next": False},
    }


async def test_q_matches_title_or_author_case_insensitively(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    seen = await page_through(client, "/api/books", {"q": "aUtHoR 12", "limit": 100})
    assert {b["id"] for b in seen} == {
        b["id"] for b in books if "author 12" in b["author"].lower()
    }
    seen = await page_through(client, "/api/books", {"q": "book 04", "limit": 100})
    assert {b["id"] for b in seen} == {
        b["id"] for b in books if "book 04" in b["title"].lower()
    }
    assert seen


async def test_q_treats_like_wildcards_literally(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    for pattern in ("Book%", "%Book", "Book 0_1", "Bo_k 001"):
        body = (await client.get("/api/books", params={"q": pattern})).json()
        assert body["items"] == []


async def test_author_filter_is_exact_and_case_insensitive(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    seen = await page_through(
        client, "/api/books", {"author": "AUTHOR 1", "limit": 100}
    )
    assert {b["id"] for b in seen} == {
        b["id"] for b in books if b["author"] == "Author 1"
    }
    assert seen


async def test_date_filters_are_inclusive(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    dated = sorted(b["published_on"] for b in books if b["published_on"])
    low, high = dated[100], dated[300]
    seen = await page_through(
        client,
        "/api/books",
        {
            "published_after": low,
            "published_before": high,
            "sort": "published_on",
            "limit": 100,
        },
    )
    expected = [
        b
        for b in books
        if b["published_on"] is not None and low <= b["published_on"] <= high
    ]
    assert [b["id"] for b in seen] == expected_order(expected, "published_on")
    published = [parse_date(b["published_on"]) for b in seen]
    assert min(d for d in published if d) == date.fromisoformat(low)
    assert max(d for d in published if d) == date.fromisoformat(high)


async def test_filters_and_sort_combine(
    client: httpx.AsyncClient, books: list[Book]
) -> None:
    seen = await page_through(
        client,
        "/api/books",
        {"author": "author 3", "q": "book", "sort": "-title", "limit": 9},
    )
    expected = [b for b in books if b["author"] == "Author 3"]
    assert [b["id"] for b in seen] == expected_order(expected, "-title")


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5"])
async def test_limit_out_of_range_is_400(client: httpx.AsyncClient, limit: str) -> None:
    response = await client.get("/api/books", params={"limit": limit})
    assert response.status_code == 400
    assert response.json()["extra"][0]["key"] == "limit"


async def test_unknown_sort_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/books", params={"sort": "isbn"})
    assert response.status_code == 400
    assert response.json()["extra"][0]["key"] == "sort"


@pytest.mark.parametrize("name", ["published_after", "published_before"])
@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01", "yesterday"])
async def test_impossible_date_is_400(
    client: httpx.AsyncClient, name: str, value: str
) -> None:
    response = await client.get("/api/books", params={name: value})
    assert response.status_code == 400
    assert response.json()["extra"][0]["key"] == name
