"""Admin input: bad ids, huge paging values, unparsable form values, foreign assets.

Every admin URL that takes an id or a paging value answers a client error
(400/404) for a value that is not an id or is out of range, never a 500 or a
dropped connection; a form field that cannot be parsed is an error on the
form, never a silent empty value; every asset a page loads is the app's own.
"""

import html
import re
from urllib.parse import urlsplit

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.books.models import BookModel
from tests.books.factories import seed_books
from tests.helpers.admin_forms import csrf_token, submit
from tests.helpers.http import http_client

BAD_PKS = [
    "abc",
    "99999999999999999999",
    str(2**63),
    "-1",
    "0",
    "\u0661\u0662",  # Arabic-Indic 12
    "\uff11\uff12",  # fullwidth 12
    "\x00",
    "1e3",
    " 1",
    "",
]
HUGE = [str(10**30), "99999999999999999999", "-99999999999999999999", "1e400"]
CLIENT_ERRORS = {400, 404}
# <link href>, <script src>, <img src>, and @import/url() inside styles.
_ASSET_URL = re.compile(
    r"""<(?:link|script|img)\b[^>]*?\b(?:href|src)=["']([^"']+)["']"""
    r"""|@import\s+(?:url\()?["']?([^"')\s;]+)"""
    r"""|url\(\s*["']?([^"')]+)""",
    re.IGNORECASE,
)
BOOK = {
    "title": "Dune",
    "author": "Frank Herbert",
    "isbn": "0-441-17271-7",
    "published_on": "1965-08-01",
    "page_count": "412",
}


def pk_urls(key: str, pk: str) -> list[tuple[str, str, dict[str, str | list[str]]]]:
    """Every admin URL of view `key` that takes an id, with `pk` in it."""
    return [
        ("GET", f"/admin/{key}/detail", {"pk": pk}),
        ("GET", f"/admin/{key}/edit", {"pk": pk}),
        ("POST", f"/admin/{key}/edit", {"pk": pk}),
        ("GET", f"/admin/_api/{key}/relation-lookup", {"pks": [pk]}),
        ("GET", f"/admin/_api/{key}/inline-edit/row", {"pk": pk}),
        ("POST", f"/admin/_api/{key}/action", {"name": "delete", "pks": [pk]}),
        ("POST", f"/admin/_api/{key}/row-action", {"name": "delete", "pk": pk}),
    ]


async def request(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    params: dict[str, str | list[str]],
    token: str,
) -> httpx.Response:
    return await client.request(
        method,
        path,
        params=params,
        headers={"X-CSRFToken": token},
        data={"csrftoken": token} if method == "POST" else None,
    )


@pytest.mark.parametrize("key", ["book", "user"])
async def test_bad_or_out_of_range_ids_are_client_errors(
    admin_client: httpx.AsyncClient, key: str
) -> None:
    token = csrf_token(await admin_client.get(f"/admin/{key}/list"))
    failures = []
    for pk in BAD_PKS:
        for method, path, params in pk_urls(key, pk):
            response = await request(admin_client, method, path, params, token)
            if response.status_code not in CLIENT_ERRORS:
                failures.append((method, path, repr(pk), response.status_code))
    assert failures == []
    for path in (f"/admin/{key}/detail", f"/admin/{key}/edit"):
        response = await admin_client.get(path, params={"pk": str(2**63 - 1)})
        assert response.status_code == 404, path


async def test_huge_or_malformed_paging_values_are_client_errors_or_clamped(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 3, start=60)
    failures = []
    for value in [*HUGE, "abc", "\u0661\u0662"]:
        for path, params in [
            ("/admin/book/list", {"page": value}),
            ("/admin/book/list", {"page_size": value}),
            ("/admin/book/list", {"page": value, "page_size": value}),
            ("/admin/_api/book/relation-lookup", {"skip": value}),
            ("/admin/_api/book/relation-lookup", {"limit": value}),
            ("/admin/_api/book/relation-lookup", {"skip": value, "limit": value}),
            ("/admin/_api/user/relation-lookup", {"skip": value, "limit": "20"}),
        ]:
            response = await admin_client.get(path, params=params)
            if response.status_code not in {200, *CLIENT_ERRORS}:
                failures.append((path, params, response.status_code))
    assert failures == []


async def book_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(BookModel)) or 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published_on", "2024-13-45"),
        ("published_on", "yesterday"),
        ("published_on", "\uff12\uff10\uff12\uff14-01-01"),
        ("page_count", "abc"),
        ("page_count", "1e400"),
        ("page_count", "12.5"),
        ("page_count", "\u0661\u0662"),
    ],
)
async def test_unparsable_form_value_is_a_field_error_not_null(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, field: str, value: str
) -> None:
    before = await book_count(db_session)
    response = await submit(admin_client, "/admin/book/create", {**BOOK, field: value})
    assert response.status_code == 422, (response.status_code, response.text[:300])
    assert f'id="{field}"' in response.text
    assert "is-invalid" in response.text
    assert await book_count(db_session) == before


async def test_unparsable_form_value_on_edit_keeps_the_stored_value(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    created = await submit(admin_client, "/admin/book/create", BOOK)
    assert created.status_code == 303
    book_id = await db_session.scalar(select(BookModel.id))
    assert book_id is not None
    for field, value in [("published_on", "2024-02-30"), ("page_count", "1e400")]:
        response = await submit(
            admin_client, f"/admin/book/edit?pk={book_id}", {**BOOK, field: value}
        )
        assert response.status_code == 422, (field, response.status_code)
    db_session.expire_all()
    stored = await db_session.get(BookModel, book_id)
    assert stored is not None
    assert (str(stored.published_on), stored.page_count) == ("1965-08-01", 412)


def asset_urls(page: str) -> set[str]:
    """Every asset URL a page loads (links, scripts, images, style imports)."""
    return {
        html.unescape(next(group for group in match.groups() if group))
        for match in _ASSET_URL.finditer(page)
    }


async def test_admin_pages_load_assets_only_from_the_app(
    app: Litestar, admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 1, start=70)
    book_id = await db_session.scalar(select(BookModel.id))
    async with http_client(app) as anonymous:
        login = await anonymous.get("/admin/login")
    pages = [
        login,
        await admin_client.get("/admin/"),
        await admin_client.get("/admin/book/list"),
        await admin_client.get("/admin/book/create"),
        await admin_client.get("/admin/book/detail", params={"pk": book_id}),
        await admin_client.get("/admin/book/edit", params={"pk": book_id}),
        await admin_client.get("/admin/user/list"),
    ]
    local = set()
    for page in pages:
        assert page.status_code == 200, page.url
        for url in asset_urls(page.text):
            parts = urlsplit(url)
            if url.startswith(("data:", "#")):
                continue
            assert parts.netloc in {"", "testserver"}, (page.url, url)
            local.add(url)
    assert any("font" in url for url in local), "the admin serves its own font"
    for url in sorted(local):
        asset = await admin_client.get(url)
        assert asset.status_code == 200, url
        if ".css" in url:  # stylesheets import nothing from other hosts either
            for inner in asset_urls(asset.text):
                assert not re.match(r"(?:https?:)?//", inner), (url, inner)
