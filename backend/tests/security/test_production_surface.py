"""What production exposes: only its own host names, and no API docs unless asked.

A forged `Host` header is refused (400) before anything builds a link or a
redirect from it; the OpenAPI document and its viewers are off in production
unless `API_DOCS=true`.
"""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

import httpx
import pytest
from pydantic import ValidationError

from backend.app import create_app
from backend.settings import Settings
from tests.helpers.http import http_client
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings

SITE = "api.example.com"
PRODUCTION = {
    "app_env": "production",
    "secret_key": "p" * 48,
    "admin_session_secret": "q" * 48,
    "allowed_hosts": SITE,
}
FORGED_HOSTS = [
    "evil.example",
    "evil.example:443",
    f"{SITE}.evil.example",
    f"evil.example#{SITE}",
    f"{SITE}@evil.example",
    f"evil{SITE}",
    "evil.example:8000:80",
]
DOCS_PAGES = [
    "/schema",
    "/schema/swagger",
    "/schema/scalar",
    "/schema/openapi.json",
]


@asynccontextmanager
async def app_client(
    settings: Settings, host: str = SITE, **overrides: object
) -> AsyncGenerator[httpx.AsyncClient]:
    """A client of an app built with `overrides`, sending `Host: host`."""
    app = create_app(make_settings(settings.database_url.encoded_string(), **overrides))
    async with serving(app), http_client(app) as http:
        http.headers["Host"] = host
        yield http


async def test_forged_host_gets_400_not_a_redirect(settings: Settings) -> None:
    async with app_client(settings, **PRODUCTION) as http:
        for host in FORGED_HOSTS:
            for path in ("/admin", "/admin/", "/admin/book/list", "/api/books"):
                response = await http.get(path, headers={"Host": host})
                assert response.status_code == 400, (host, path)
                assert "evil" not in response.headers.get("location", "")


async def test_redirects_follow_only_a_listed_host(settings: Settings) -> None:
    async with app_client(settings, **PRODUCTION) as http:
        for host in (SITE, f"{SITE}:8443"):
            response = await http.get(
                "/admin/",
                headers={
                    "Host": host,
                    "X-Forwarded-Host": "evil.example",
                    "Forwarded": "host=evil.example",
                },
            )
            assert response.status_code in {302, 303, 307}, host
            assert response.headers["location"].startswith(f"http://{host}/admin/")
        assert (await http.get("/admin/", headers={"Host": "evil"})).status_code == 400


async def test_probes_answer_any_host(settings: Settings) -> None:
    async with app_client(settings, host="10.0.0.7:8000", **PRODUCTION) as http:
        assert (await http.get("/health")).status_code == 200
        assert (await http.get("/ready")).status_code in {200, 503}
        assert (await http.get("/api/books")).status_code == 400


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    for empty in ("", " , ", []):
        with pytest.raises(ValidationError, match="ALLOWED_HOSTS is empty"):
            Settings.model_validate({**PRODUCTION, "allowed_hosts": empty})


@pytest.mark.parametrize(
    "value", ["*", "evil.example/path", "http://evil.example", "a b", "*evil.com"]
)
def test_allowed_hosts_takes_only_host_names(value: str) -> None:
    with pytest.raises(ValidationError, match="ALLOWED_HOSTS"):
        Settings.model_validate({"allowed_hosts": value})


async def test_development_allows_only_the_local_machine(settings: Settings) -> None:
    async with app_client(settings, host="localhost", allowed_hosts=[]) as http:
        for host in ("localhost:8000", "127.0.0.1:8000", "testserver", "localhost"):
            response = await http.get("/admin/", headers={"Host": host})
            assert response.status_code in {302, 303, 307}, host
        for host in FORGED_HOSTS:
            response = await http.get("/admin/", headers={"Host": host})
            assert response.status_code == 400, host


async def test_api_docs_are_off_in_production_unless_asked(
    settings: Settings,
) -> None:
    async with app_client(settings, **PRODUCTION) as http:
        for path in DOCS_PAGES:
            assert (await http.get(path)).status_code == 404, path
    async with app_client(settings, api_docs="true", **PRODUCTION) as http:
        for path in DOCS_PAGES:
            assert (await http.get(path)).status_code == 200, path


async def test_api_docs_can_be_turned_off_outside_production(
    settings: Settings,
) -> None:
    async with app_client(settings, host="testserver", api_docs=False) as http:
        for path in DOCS_PAGES:
            assert (await http.get(path)).status_code == 404, path
    async with app_client(settings, host="testserver") as http:
        assert (await http.get("/schema/openapi.json")).status_code == 200
