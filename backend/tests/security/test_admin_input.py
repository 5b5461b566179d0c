"""Admin input: bad ids, huge paging values, unparsable form values, foreign assets,
searches.

Every admin URL that takes an id or a paging value answers a client error
(400/404) for a value that is not an id or is out of range, never a 500 or a
dropped connection; a form field that cannot be parsed is an error on the
form, never a silent empty value; every asset a page loads is the app's own.
The search box runs the API's indexed search (books) or an email lookup
(users), never `CAST(column) ILIKE` over every column: a search the API
would refuse finds nothing, and its text is never logged.
"""

import html
import logging
import re
from urllib.parse import urlsplit

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from backend.admin.views.book import BookAdminView
from backend.admin.views.user import UserAdminView
from backend.apps.books.models import BookModel
from backend.apps.books.services import SEARCH_MAX_LENGTH
from backend.apps.users.models import UserModel
from tests.books.factories import isbn13, seed_books
from tests.helpers.admin_forms import csrf_token, submit
from tests.helpers.http import http_client
from tests.helpers.sql import StatementRecorder, plan_nodes

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


# Each would match a seeded book by `CAST(...) ILIKE`; the API refuses each.
REFUSED_SEARCHES = [
    "ok",  # no run of 3 letters or digits
    "%",
    "_o_",
    "k 0",
    "Book 0" + " " * SEARCH_MAX_LENGTH,  # over the cap
    "a" * 5000,
    "Book 001" * 200,
]
_NAMED = postgresql.dialect(paramstyle="named")


async def _listed_isbns(client: httpx.AsyncClient, q: str) -> set[str]:
    response = await client.get("/admin/book/list", params={"q": q})
    assert response.status_code == 200, response.text[:300]
    return {isbn13(n) for n in range(40, 46) if isbn13(n) in response.text}


async def test_admin_book_search_finds_by_title_author_and_isbn(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    await seed_books(db_session, 6, start=40)
    assert await _listed_isbns(admin_client, "Book 041") == {isbn13(41)}
    assert await _listed_isbns(admin_client, "book 04") == {
        isbn13(n) for n in range(40, 46)
    }
    assert isbn13(43) in await _listed_isbns(admin_client, "author 4")
    hyphenated = "978-0-00-000043-" + isbn13(43)[-1]
    assert await _listed_isbns(admin_client, hyphenated) == {isbn13(43)}
    assert await _listed_isbns(admin_client, isbn13(44)) == {isbn13(44)}


@pytest.mark.parametrize("q", REFUSED_SEARCHES, ids=range(len(REFUSED_SEARCHES)))
async def test_admin_book_search_the_api_refuses_finds_nothing(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, q: str
) -> None:
    await seed_books(db_session, 6, start=40)
    assert await _listed_isbns(admin_client, q) == set()
    lookup = await admin_client.get("/admin/_api/book/relation-lookup", params={"q": q})
    assert lookup.status_code == 200, lookup.text
    assert lookup.json()["total"] == 0


async def test_admin_search_sql_has_no_cast_ilike(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    sql_statements: StatementRecorder,
) -> None:
    await seed_books(db_session, 3, start=40)
    with sql_statements() as statements:
        for key, q in [("book", "Book 041"), ("user", "admin@example.com")]:
            response = await admin_client.get(f"/admin/{key}/list", params={"q": q})
            assert response.status_code == 200
    assert any("ILIKE" in sql.upper() for sql in statements), statements
    # A column cast to text for ILIKE would not use its index (selected
    # expressions, such as a book's average rating, may cast).
    conditions = [sql.upper().partition(" WHERE ")[2] for sql in statements]
    assert not any("CAST(" in where for where in conditions), statements


async def _plan(
    session: AsyncSession, model: type, clause: ColumnElement[bool]
) -> list[str]:
    statement = select(func.count()).select_from(model).where(clause)
    compiled = statement.compile(dialect=_NAMED)
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    result = await session.execute(
        text(f"EXPLAIN (FORMAT JSON) {compiled}"), compiled.params
    )
    (document,) = result.scalar_one()
    return [node["Node Type"] for node in plan_nodes(document["Plan"])]


@pytest.mark.parametrize(
    ("view", "q"),
    [
        (BookAdminView, "Book 041"),
        (BookAdminView, "author 4"),
        (BookAdminView, "0-441-17271-7"),
        (UserAdminView, "admin@example.com"),
        (UserAdminView, " Admin@Example.COM "),
    ],
)
async def test_admin_search_is_served_by_an_index(
    db_session: AsyncSession, superuser: UserModel, view: type, q: str
) -> None:
    await seed_books(db_session, 30)
    admin_view = view()
    clause = admin_view.get_search_query(None, q)
    kinds = await _plan(db_session, admin_view.model, clause)
    assert "Seq Scan" not in kinds, kinds
    assert any("Index" in kind for kind in kinds), kinds


async def test_admin_user_search_is_an_email_lookup(
    admin_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    found = await admin_client.get(
        "/admin/user/list", params={"q": "ADMIN@example.com"}
    )
    assert superuser.email in found.text
    for q in ["admin", "example.com", "x" * 400]:
        response = await admin_client.get("/admin/user/list", params={"q": q})
        assert response.status_code == 200, response.text[:300]
        assert superuser.email not in response.text.split("<tbody", 1)[-1], q


async def test_admin_search_text_is_not_logged(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await seed_books(db_session, 3, start=40)
    # Terms no row holds and no hex id spells: at DEBUG starlette-admin also
    # logs each shown row's values, which a search for a stored value would find.
    searches = {
        "book": ["Book 041 secret", "private-title-words", "zq"],
        "user": ["someone.private@example.org", "ADMIN@example.org"],
    }
    with caplog.at_level(logging.DEBUG):
        for key, terms in searches.items():
            for q in terms:
                response = await admin_client.get(f"/admin/{key}/list", params={"q": q})
                assert response.status_code == 200
                await admin_client.get(
                    f"/admin/_api/{key}/relation-lookup", params={"q": q}
                )
    # The test's own HTTP client (httpx) logs the URLs it requests.
    records = [r for r in caplog.records if not r.name.startswith("httpx")]
    logged = "".join(f"{r.getMessage()} {r.args}" for r in records)
    assert "list rendered" in logged
    for terms in searches.values():
        for q in terms:
            assert q not in logged, q
            assert q.lower() not in logged.lower(), q
