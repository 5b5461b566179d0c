"""A client that leaves while sending its body is an abandoned request, not an
internal error: Litestar fails the body read with a 500, which must not be
logged at ERROR with a traceback (a load test's closing connections did)."""

import logging
from typing import Any

import pytest
from litestar import Litestar


def post_scope(path: str) -> Any:
    """A JSON POST announcing a 100-byte body."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"content-length", b"100"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }


@pytest.mark.parametrize("path", ["/graphql", "/api/auth/login"])
async def test_a_client_leaving_mid_body_is_logged_as_abandoned(
    app: Litestar, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    messages: list[dict[str, Any]] = [
        {"type": "http.request", "body": b'{"query": "{ books', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> Any:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    with caplog.at_level(logging.INFO):
        await app(post_scope(path), receive, send)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    abandoned = [
        r.getMessage() for r in caplog.records if "abandoned" in r.getMessage()
    ]
    assert any(path in message for message in abandoned), caplog.text
    statuses = [m["status"] for m in sent if m["type"] == "http.response.start"]
    assert statuses in ([], [499]), statuses  # "client closed request"
