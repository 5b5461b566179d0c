"""The request body limit for the mounted admin, which Litestar's limit misses.

Litestar enforces `REQUEST_MAX_BODY_BYTES` when a handler reads the body;
the admin is a mounted Starlette app that reads the ASGI stream itself. It
gets a body only with a `Content-Length` (browsers always send one for a
form) within the limit: 413 above it, 411 for a chunked body without one.
"""

from litestar.exceptions import HTTPException
from litestar.status_codes import (
    HTTP_411_LENGTH_REQUIRED,
    HTTP_413_REQUEST_ENTITY_TOO_LARGE,
)
from litestar.types import Scope


def _header(scope: Scope, name: bytes) -> str | None:
    value = next((v for n, v in scope["headers"] if n == name), None)
    return None if value is None else value.decode("latin-1")


def check_body_size(scope: Scope, max_bytes: int) -> None:
    """Let the request through only when its body is declared and small enough.

    Raises:
        HTTPException: 413 when `Content-Length` exceeds `max_bytes` (or is
            not a number), 411 for a chunked body without `Content-Length`.
    """
    length = _header(scope, b"content-length")
    if length is None:
        if _header(scope, b"transfer-encoding") is not None:
            raise HTTPException(
                status_code=HTTP_411_LENGTH_REQUIRED, detail="Send a Content-Length."
            )
        return
    if not length.isdecimal() or int(length) > max_bytes:
        raise HTTPException(
            status_code=HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            detail=f"Request body is larger than {max_bytes} bytes.",
        )
