"""The review admin answers bad ids, huge paging values and odd searches with
client errors or nothing found, and its pages load only the app's own assets
(as tests/security/test_admin_input.py checks for books and users)."""

from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.books.factories import seed_books
from tests.helpers.admin_forms import csrf_token
from tests.reviews.admin.seeds import add_readers, add_review
from tests.security.test_admin_input import (
    BAD_PKS,
    CLIENT_ERRORS,
    HUGE,
    asset_urls,
    pk_urls,
    request,
)


async def test_bad_or_out_of_range_review_ids_are_client_errors(
    admin_client: httpx.AsyncClient,
) -> None:
    token = csrf_token(await admin_client.get("/admin/review/list"))
    failures = []
    for pk in BAD_PKS:
        for method, path, params in pk_urls("review", pk):
            response = await request(admin_client, method, path, params, token)
            if response.status_code not in CLIENT_ERRORS:
                failures.append((method, path, repr(pk), response.status_code))
    assert failures == []


@pytest.mark.parametrize("value", [*HUGE, "abc"])
async def test_huge_paging_values_are_client_errors_or_clamped(
    admin_client: httpx.AsyncClient, value: str
) -> None:
    for params in ({"page": value}, {"page_size": value}):
        response = await admin_client.get("/admin/review/list", params=params)
        assert response.status_code in {200, *CLIENT_ERRORS}, params


@pytest.mark.parametrize("q", ["dune", "0", "-1", "1e3", "%", "9" * 30, "a" * 5000])
async def test_a_search_that_is_not_a_book_id_finds_nothing(
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    password_hash: str,
    q: str,
) -> None:
    [book_id] = await seed_books(db_session, 1, start=1)
    [reader] = await add_readers(db_session, password_hash, 1)
    await add_review(db_session, book_id, reader.id, 4)
    response = await admin_client.get("/admin/review/list", params={"q": q})
    assert response.status_code == 200
    assert "/admin/review/detail?pk=" not in response.text


async def test_review_pages_load_assets_only_from_the_app(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    [book_id] = await seed_books(db_session, 1, start=3)
    [reader] = await add_readers(db_session, password_hash, 1)
    review_id = await add_review(db_session, book_id, reader.id, 4)
    for path in (
        "/admin/review/list",
        "/admin/review/create",
        f"/admin/review/detail?pk={review_id}",
        f"/admin/review/edit?pk={review_id}",
    ):
        page = await admin_client.get(path)
        assert page.status_code == 200, path
        for url in asset_urls(page.text):
            if not url.startswith(("data:", "#")):
                assert urlsplit(url).netloc in {"", "testserver"}, (path, url)
