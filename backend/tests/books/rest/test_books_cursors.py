"""Cursor rejections: reused with another query, forged, malformed."""

import base64
import json

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.paging.cursors import CursorCodec
from backend.paging.keyset import Position
from tests.books.factories import seed_books


@pytest.fixture
async def cursor(client: httpx.AsyncClient, db_session: AsyncSession) -> str:
    """The next cursor of the first page of `sort=title&q=book&limit=5`."""
    await seed_books(db_session, 30)
    body = (
        await client.get(
            "/api/books", params={"sort": "title", "q": "book", "limit": 5}
        )
    ).json()
    return body["page"]["next_cursor"]


def assert_rejected(response: httpx.Response, *words: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["extra"][0]["key"] == "cursor"
    for word in ("cursor", *words):
        assert word in body["detail"].lower()


async def test_cursor_continues_its_own_query(
    client: httpx.AsyncClient, cursor: str
) -> None:
    response = await client.get(
        "/api/books",
        params={"sort": "title", "q": "book", "limit": 5, "cursor": cursor},
    )
    assert response.status_code == 200


async def test_cursor_may_be_used_with_another_page_size(
    client: httpx.AsyncClient, cursor: str
) -> None:
    response = await client.get(
        "/api/books",
        params={"sort": "title", "q": "book", "limit": 50, "cursor": cursor},
    )
    assert response.status_code == 200
    assert len(response.json()["items"]) == 25


@pytest.mark.parametrize(
    "changed",
    [
        {"sort": "-title"},
        {"sort": "created_at"},
        {"q": "other"},
        {"q": None},
        {"author": "Author 1"},
        {"published_after": "2000-01-01"},
        {"published_before": "2000-01-01"},
    ],
)
async def test_cursor_reused_with_other_filters_or_sort_is_rejected(
    client: httpx.AsyncClient, cursor: str, changed: dict[str, str | None]
) -> None:
    params = {"sort": "title", "q": "book", "limit": 5, "cursor": cursor} | changed
    response = await client.get(
        "/api/books", params={k: v for k, v in params.items() if v is not None}
    )
    assert_rejected(response, "drop")


def _tamper(cursor: str) -> str:
    payload, signature = cursor.split(".")
    raw = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    raw[1] += 1
    forged = base64.urlsafe_b64encode(json.dumps(raw).encode()).rstrip(b"=").decode()
    return f"{forged}.{signature}"


async def test_forged_cursor_is_rejected(
    client: httpx.AsyncClient, cursor: str
) -> None:
    response = await client.get(
        "/api/books", params={"sort": "title", "q": "book", "cursor": _tamper(cursor)}
    )
    assert_rejected(response, "tampered")


async def test_cursor_signed_with_another_secret_is_rejected(
    client: httpx.AsyncClient, cursor: str
) -> None:
    scope = cursor  # only the signature matters here
    foreign = CursorCodec("another-secret").encode(Position("Book 001", 1), scope=scope)
    response = await client.get(
        "/api/books", params={"sort": "title", "cursor": foreign}
    )
    assert_rejected(response, "tampered")


@pytest.mark.parametrize(
    "garbage",
    ["abc", "a.b.c", "....", "%%%.***", "x" * 600, "eyJ9.AAAA", ""],
)
async def test_malformed_cursor_is_rejected(
    client: httpx.AsyncClient, garbage: str
) -> None:
    response = await client.get("/api/books", params={"cursor": garbage})
    if garbage == "":
        assert response.status_code == 200  # an empty cursor means "first page"
        return
    assert_rejected(response)


def test_a_signed_payload_of_the_wrong_shape_is_rejected() -> None:
    codec = CursorCodec("secret")
    good = codec.encode(Position("2024-01-01", 3), scope="s")
    assert codec.decode(good, scope="s", value_type=str).id == 3
    bad_payload = base64.urlsafe_b64encode(b'{"not": "a list"}').rstrip(b"=").decode()
    signature = good.split(".")[1]
    with pytest.raises(ValueError, match="cursor"):
        codec.decode(f"{bad_payload}.{signature}", scope="s", value_type=str)
