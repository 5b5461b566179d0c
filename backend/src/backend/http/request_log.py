"""Each request's id, and one structured log line per request.

The id is the client's `X-Request-ID` when it is a sane token (letters,
digits and `._:-`, at most 128 characters), else a new random one. It is kept
in the scope's state, where the GraphQL context and the error logs read it,
and echoed in the response's `X-Request-ID`.

The line reads `request method=GET route=/api/books/{item_id} status=200
duration_ms=1.9 request_id=... user_id=7` (`user_id=-` when anonymous); the
same values ride along as
`extra` fields for a structured (JSON) handler. It never holds the query
string, a header or a body, so no token or password can reach the log.

`RequestLog` wraps Litestar's whole ASGI handler rather than joining a
route's middleware stack, because route middleware does not run for a request
that matches no route (404, 405), and those must be logged too.
"""

import logging
import re
import time
import uuid

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("backend.access")

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_STATE_KEY = "request_id"
USER_ID_STATE_KEY = "user_id"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_REQUEST_ID_KEY = REQUEST_ID_HEADER.lower().encode("latin-1")


def _accepted_id(scope: Scope) -> str:
    sent = next(
        (value for name, value in scope["headers"] if name == _REQUEST_ID_KEY), b""
    ).decode("latin-1")
    return sent if _REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex


def request_id_of(scope: Scope) -> str:
    """The id `RequestLog` gave the request; a new one for a request it did not see."""
    state = scope.setdefault("state", {})
    if REQUEST_ID_STATE_KEY not in state:
        state[REQUEST_ID_STATE_KEY] = _accepted_id(scope)
    return state[REQUEST_ID_STATE_KEY]


def record_user(scope: Scope, user_id: int) -> None:
    """Name the request's authenticated user in its log line."""
    scope.setdefault("state", {})[USER_ID_STATE_KEY] = user_id


class RequestLog:
    """ASGI wrapper: give the request its id, echo it, log the request once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request through the wrapped app, then log it."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableScopeHeaders.from_message(message)[REQUEST_ID_HEADER] = (
                    request_id
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._log(scope, status, time.perf_counter() - started, request_id)

    @staticmethod
    def _log(scope: Scope, status: int, seconds: float, request_id: str) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        fields = {
            "method": scope.get("method", "-"),
            "route": scope.get("path_template") or "-",
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
            "request_id": request_id,
            "user_id": scope.get("state", {}).get(USER_ID_STATE_KEY),
        }
        logger.info(
            "request method=%s route=%s status=%d duration_ms=%.1f "
            "request_id=%s user_id=%s",
            *(("-" if value is None else value) for value in fields.values()),
            extra=fields,
        )
