"""Abandoned requests stop working: when the client leaves, or time runs out.

uvicorn does not cancel a handler whose client has disconnected, so a slow
search went on using a database connection for minutes after the client
left. `RequestBudget` runs each HTTP request's handler in a task of its own
and cancels it when

- the client disconnects before the response is complete: once the request
  body has been read (at once for a request without one), a watcher waits
  on `receive()` for `http.disconnect`;
- the request's time budget (`REQUEST_TIMEOUT_SECONDS`) ends: the client gets
  503 with `Retry-After` if the response has not started.

Cancelling the handler cancels the asyncpg query it awaits: asyncpg sends the
server a cancel request, and SQLAlchemy discards the connection rather than
pooling it mid-statement. The closing response goes through Litestar's
`send`, so its before-send hooks still roll back and close the session; after
a disconnect the server drops it (status 499, "client closed request", shows
only in the log).
"""

import asyncio
import logging
from typing import Any, cast

import msgspec
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

from backend.errors import QUERY_TIMED_OUT
from backend.http.errors import (
    CLIENT_CLOSED_REQUEST,
    CLIENT_LEFT,
    TIMED_OUT_RETRY_AFTER_SECONDS,
    ErrorBody,
)

logger = logging.getLogger(__name__)

_TIMED_OUT_BODY = msgspec.json.encode(ErrorBody(503, QUERY_TIMED_OUT))


def _has_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"transfer-encoding" or (
            name == b"content-length" and value != b"0"
        ):
            return True
    return False


class _Exchange:
    """One request's `receive` and `send`, watched for a disconnect."""

    def __init__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The scope as a plain mapping: the flag is ours, not an ASGI key.
        self._scope = cast("dict[str, Any]", scope)
        self._receive = receive
        self._send = send
        self._watched: asyncio.Queue[ReceiveMessage] = asyncio.Queue()
        self._watcher: asyncio.Task[None] | None = None
        self._handler: asyncio.Future[None] | None = None
        self._body_pending = _has_body(scope)
        self.response_started = False
        self.response_complete = False

    def watch(self, handler: asyncio.Future[None]) -> None:
        """Cancel `handler` if the client leaves (now, or once the body is read)."""
        self._handler = handler
        if not self._body_pending:
            self._start_watching()

    def _start_watching(self) -> None:
        self._watcher = asyncio.create_task(self._watch())

    async def _watch(self) -> None:
        while True:
            message = await self._receive()
            self._watched.put_nowait(message)
            if message["type"] == "http.disconnect":
                if self._handler is not None and not self.response_complete:
                    self._handler.cancel()
                return

    def stop(self) -> None:
        """Stop watching (the handler has ended)."""
        if self._watcher is not None:
            self._watcher.cancel()

    async def receive(self) -> ReceiveMessage:
        """The app's `receive`: the body as it comes, then what the watcher saw."""
        if not self._body_pending:
            return await self._watched.get()
        message = await self._receive()
        if message["type"] == "http.disconnect":
            self._scope[CLIENT_LEFT] = True
        if message["type"] != "http.request" or not message.get("more_body"):
            self._body_pending = False
            if message["type"] == "http.request":
                self._start_watching()
        return message

    async def send(self, message: Message) -> None:
        """The app's `send`, noting how far the response has gone."""
        if message["type"] == "http.response.start":
            self.response_started = True
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            self.response_complete = True
        await self._send(message)


class RequestBudget:
    """ASGI wrapper: cancel a request's handler on disconnect or after `seconds`.

    The budget runs until the response starts; a response already streaming
    is left to finish (or to its client's disconnect).
    """

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request in a task that is cancelled when it is abandoned."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        exchange = _Exchange(scope, receive, send)
        handler = asyncio.ensure_future(
            self.app(scope, exchange.receive, exchange.send)
        )
        exchange.watch(handler)
        timed_out = False
        try:
            done, _ = await asyncio.wait({handler}, timeout=self.seconds)
            if not done and not exchange.response_started:
                timed_out = True
                handler.cancel()
            await handler
        except asyncio.CancelledError:
            if not handler.cancelled() or _being_cancelled():
                handler.cancel()
                raise
            await _close(scope, exchange, timed_out=timed_out)
        finally:
            exchange.stop()


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


async def _close(scope: Scope, exchange: _Exchange, *, timed_out: bool) -> None:
    reason = "time budget ended" if timed_out else "client disconnected"
    logger.warning(
        "request abandoned (%s): %s %s", reason, scope.get("method"), scope.get("path")
    )
    if exchange.response_started:
        return
    status = 503 if timed_out else CLIENT_CLOSED_REQUEST
    headers = [(b"content-type", b"application/json")]
    if timed_out:
        headers.append((b"retry-after", str(TIMED_OUT_RETRY_AFTER_SECONDS).encode()))
    start: HTTPResponseStartEvent = {
        "type": "http.response.start",
        "status": status,
        "headers": headers,
    }
    await exchange.send(start)
    body: HTTPResponseBodyEvent = {
        "type": "http.response.body",
        "body": _TIMED_OUT_BODY if timed_out else b"",
        "more_body": False,
    }
    await exchange.send(body)
