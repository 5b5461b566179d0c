"""Request ids and the one log line per request; no secret ever reaches the log."""

import logging
import re

import httpx
import pytest

from backend.apps.users.models import UserModel
from backend.settings import Settings
from tests.users.factories import TEST_PASSWORD

ACCESS = "backend.access"


def access_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == ACCESS]


async def test_a_sane_request_id_is_echoed(anonymous_client: httpx.AsyncClient) -> None:
    response = await anonymous_client.get(
        "/health", headers={"X-Request-ID": "req-1.a:b"}
    )
    assert response.headers["x-request-id"] == "req-1.a:b"


@pytest.mark.parametrize("sent", [None, "has spaces", "x" * 129, "semi;colon"])
async def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(
    anonymous_client: httpx.AsyncClient, sent: str | None
) -> None:
    headers = {} if sent is None else {"X-Request-ID": sent}
    response = await anonymous_client.get("/health", headers=headers)
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


@pytest.mark.parametrize(
    ("method", "path", "route", "status"),
    [
        ("GET", "/api/books/12345", "/api/books/{item_id}", 404),
        # Refused while routing: no route matched (or none for the method).
        ("GET", "/api/nothing/here", "-", 404),
        ("DELETE", "/health", "-", 405),
    ],
)
async def test_each_request_is_logged_once_with_its_route(
    *,
    anonymous_client: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    route: str,
    status: int,
) -> None:
    with caplog.at_level(logging.INFO, logger=ACCESS):
        response = await anonymous_client.request(method, path)
    assert response.status_code == status
    (line,) = access_lines(caplog)
    message = line.getMessage()
    assert f"method={method} " in message
    assert f"status={status} " in message
    assert f"request_id={response.headers['x-request-id']} " in message
    assert message.endswith("user_id=-")
    assert line.__dict__["route"] == route
    assert line.__dict__["duration_ms"] >= 0


async def test_the_line_names_the_signed_in_user(
    client: httpx.AsyncClient, user: UserModel, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger=ACCESS):
        await client.get("/api/auth/me")
    (line,) = access_lines(caplog)
    assert line.getMessage().endswith(f"user_id={user.id}")


async def test_graphql_logs_with_the_request_id_the_client_sees(
    client: httpx.AsyncClient, user: UserModel, caplog: pytest.LogCaptureFixture
) -> None:
    mutation = (
        'mutation { createBook(input: {title: "", author: "A", isbn: "1"}) { id } }'
    )
    with caplog.at_level(logging.INFO):
        response = await client.post("/graphql", json={"query": mutation})
    request_id = response.headers["x-request-id"]
    errors = [r for r in caplog.records if r.name == "backend.graphql.errors"]
    assert errors
    assert all(f"request_id={request_id}" in r.getMessage() for r in errors)
    (line,) = access_lines(caplog)
    assert line.getMessage().endswith(f"user_id={user.id}")


async def test_no_password_token_or_secret_is_ever_logged(
    anonymous_client: httpx.AsyncClient,
    user: UserModel,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        login = await anonymous_client.post(
            "/api/auth/login", json={"email": user.email, "password": TEST_PASSWORD}
        )
        token = login.json()["access_token"]
        created = await anonymous_client.post(
            "/api/books",
            json={"title": "Dune", "author": "Frank Herbert", "isbn": "0-441-17271-7"},
            headers={"Authorization": f"Bearer {token}"},
        )
        refused = await anonymous_client.post(
            "/api/auth/login",
            json={"email": user.email, "password": "a wrong password 123"},
        )
    assert (login.status_code, created.status_code, refused.status_code) == (
        200,
        201,
        401,
    )
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert len(access_lines(caplog)) == 3
    for secret in (
        TEST_PASSWORD,
        "a wrong password 123",
        token,
        token.split(".")[2],
        settings.secret_key,
        settings.admin_session_secret,
    ):
        assert secret not in logged
