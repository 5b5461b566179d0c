"""Security headers on every response, CSP per kind of page, CORS from settings."""

from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import ValidationError

from backend.app import create_app
from backend.http.security_headers import ADMIN_POLICY, STRICT_POLICY, TOOLS_POLICY
from backend.settings import Settings
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings

ORIGIN = "https://books.example.com"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/books", 200),
        ("/api/books/999999", 404),
        ("/api/nothing-here", 404),
        ("/health", 200),
        ("/admin/login", 200),
    ],
)
async def test_every_response_carries_the_security_headers(
    anonymous_client: httpx.AsyncClient, path: str, status: int
) -> None:
    response = await anonymous_client.get(path)
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers


@pytest.mark.parametrize(
    ("path", "headers", "policy"),
    [
        ("/api/books", {}, STRICT_POLICY),
        ("/admin/login", {}, ADMIN_POLICY),
        ("/schema", {}, TOOLS_POLICY),
        ("/schema/openapi.json", {}, STRICT_POLICY),
        ("/graphql", {"Accept": "text/html"}, TOOLS_POLICY),
        ("/graphql?query=%7B__typename%7D", {}, STRICT_POLICY),
    ],
)
async def test_only_pages_that_need_it_get_a_relaxed_policy(
    anonymous_client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    policy: str,
) -> None:
    response = await anonymous_client.get(path, headers=headers)
    assert response.headers["content-security-policy"] == policy


def test_the_strict_policy_allows_no_inline_code() -> None:
    assert "unsafe-inline" not in STRICT_POLICY
    assert "script-src" not in STRICT_POLICY  # default-src 'self' applies


async def test_production_adds_hsts(production_app_client: httpx.AsyncClient) -> None:
    response = await production_app_client.get("/health")
    assert response.headers["strict-transport-security"].startswith("max-age=")


@pytest.fixture
async def production_app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app in production mode (no database needed for /health)."""
    app = create_app(
        make_settings(
            settings.database_url.encoded_string(),
            app_env="production",
            secret_key="p" * 48,
            admin_session_secret="q" * 48,
        )
    )
    async with serving(app), http_client(app) as http:
        yield http


@pytest.fixture
async def cors_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that lets `ORIGIN` call it."""
    app = create_app(
        make_settings(settings.database_url.encoded_string(), cors_allow_origins=ORIGIN)
    )
    async with serving(app), http_client(app) as http:
        yield http


async def test_cors_allows_a_listed_origin_without_credentials(
    cors_client: httpx.AsyncClient,
) -> None:
    preflight = await cors_client.options(
        "/api/books",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code in {200, 204}
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-credentials" not in preflight.headers
    response = await cors_client.get("/health", headers={"Origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == ORIGIN


async def test_cors_ignores_other_origins(cors_client: httpx.AsyncClient) -> None:
    response = await cors_client.get(
        "/health", headers={"Origin": "https://evil.example.com"}
    )
    assert "access-control-allow-origin" not in response.headers


async def test_without_origins_there_is_no_cors(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.get("/health", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    "origins", ["*", "https://a.example.com/path", "a.example.com"]
)
def test_settings_refuse_a_wildcard_or_malformed_origin(origins: str) -> None:
    with pytest.raises(ValidationError, match="CORS_ALLOW_ORIGINS"):
        Settings.model_validate({"cors_allow_origins": origins})


def test_settings_read_a_comma_separated_origin_list() -> None:
    settings = Settings.model_validate(
        {"cors_allow_origins": "https://a.example.com, http://127.0.0.1:5173"}
    )
    assert settings.cors_allow_origins == [
        "https://a.example.com",
        "http://127.0.0.1:5173",
    ]
