"""The built frontend is served at `/` without shadowing any API path."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings

INDEX = "<!doctype html><title>Books</title><div id=root></div>"


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose FRONTEND_DIST holds a small build."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "app.js").write_text("console.log('books')")
    app = create_app(make_settings(database_url, frontend_dist=tmp_path))
    async with serving(app), http_client(app) as http:
        yield http


async def test_root_serves_the_frontend(site: httpx.AsyncClient) -> None:
    response = await site.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == INDEX
    asset = await site.get("/assets/app.js")
    assert asset.status_code == 200
    assert "books" in asset.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/health", 200),
        ("/ready", 200),
        ("/api/books", 200),
        ("/schema/openapi.json", 200),
        ("/admin/login", 200),
        ("/api/books/999999", 404),
    ],
)
async def test_api_paths_are_not_shadowed(
    site: httpx.AsyncClient, path: str, status: int
) -> None:
    response = await site.get(path)
    assert response.status_code == status
    assert response.text != INDEX


async def test_graphql_is_not_shadowed(site: httpx.AsyncClient) -> None:
    response = await site.post("/graphql", json={"query": "{ __typename }"})
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_without_a_build_root_is_404(database_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(database_url, frontend_dist=tmp_path / "missing"))
    async with serving(app), http_client(app) as http:
        assert (await http.get("/")).status_code == 404
        assert (await http.get("/health")).status_code == 200
