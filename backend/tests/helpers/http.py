"""HTTP clients of apps under test, in-process."""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar

from backend.app import create_app
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings


@asynccontextmanager
async def http_client(
    app: Litestar, headers: dict[str, str] | None = None
) -> AsyncGenerator[httpx.AsyncClient]:
    """An HTTP client talking to `app` in-process."""
    # httpx types ASGI apps more narrowly than Litestar's (TypedDict) scopes.
    transport = httpx.ASGITransport(app=app)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=headers
    ) as http:
        yield http


@asynccontextmanager
async def app_client(
    database_url: str, **overrides: object
) -> AsyncGenerator[httpx.AsyncClient]:
    """A client of a separate app built with these setting overrides."""
    app = create_app(make_settings(database_url, **overrides))
    async with serving(app):
        transport = httpx.ASGITransport(app=app)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver"
        ) as http:
            yield http
