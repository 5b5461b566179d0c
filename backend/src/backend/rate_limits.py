"""Rate limits per client address, counted in the app's stores (memory or Redis).

Every route except the probes passes `API_RATE_LIMIT` per window; sign-ins
(the API login and the admin login) also pass the stricter `LOGIN_RATE_LIMIT`.
`/health` and `/ready` are exempt: load balancers and orchestrators poll them
from a few addresses, and a throttled probe would take a healthy instance out
of rotation. Beyond a limit: 429 with `Retry-After`.

Behind a proxy, let the server set the client address from trusted proxy
headers (uvicorn `--proxy-headers --forwarded-allow-ips=...`); Litestar's
limiter never trusts `X-Forwarded-For` itself. With `REDIS_URL` the counters
are shared by every instance; each check reads then writes its counter, so
instances racing for one client may let a few requests more through: a guard
against abuse, not an exact quota.
"""

import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import TooManyRequestsException
from litestar.middleware.rate_limit import (
    DURATION_VALUES,
    RateLimitConfig,
    RateLimitMiddleware,
)
from litestar.stores.base import Store
from litestar.types import Message, Receive, Scope, Send

from backend.settings import Settings

API_RATE_LIMIT_STORE = "api_rate_limit"
LOGIN_RATE_LIMIT_STORE = "login_rate_limit"
PROBE_PATHS = ["^/health$", "^/ready$"]


@dataclass(frozen=True, slots=True)
class Window:
    """A client's requests in the current window, and when the window ends."""

    count: int
    reset: int


class CountingRateLimitMiddleware(RateLimitMiddleware):
    """Litestar's limiter, keeping a count per window instead of every timestamp.

    Litestar stores one timestamp per request of the window and re-encodes
    them all on every request; at a generous limit that is thousands of
    numbers per request. A count and the window's end are all it needs.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request, or answer 429 when the client's window is full."""
        app = scope["litestar_app"]
        request: Request[Any, Any, Any] = app.request_class(scope)
        if await self.should_check_request(request=request):
            store = self.config.get_store_from_app(app)
            key = self.cache_key_from_request(request)
            async with self._lock:
                window = await self._window(key, store)
                if window.count >= self.max_requests:
                    raise TooManyRequestsException(headers=self._headers(window))
                window = Window(window.count + 1, window.reset)
                expires_in = max(window.reset - int(time.time()), 1)
                await store.set(
                    key, f"{window.count}:{window.reset}", expires_in=expires_in
                )
            send = self._sending_headers(send, window)
        await self.app(scope, receive, send)

    async def _window(self, key: str, store: Store) -> Window:
        now = int(time.time())
        stored = await store.get(key)
        if stored:
            count, _, reset = stored.decode().partition(":")
            if count.isdecimal() and reset.isdecimal() and int(reset) > now:
                return Window(int(count), int(reset))
        return Window(0, now + DURATION_VALUES[self.unit])

    def _headers(self, window: Window) -> dict[str, str]:
        config = self.config
        return {
            config.rate_limit_policy_header_key: (
                f"{self.max_requests}; w={DURATION_VALUES[self.unit]}"
            ),
            config.rate_limit_limit_header_key: str(self.max_requests),
            config.rate_limit_remaining_header_key: str(
                max(self.max_requests - window.count, 0)
            ),
            config.rate_limit_reset_header_key: str(
                max(window.reset - int(time.time()), 0)
            ),
        }

    def _sending_headers(self, send: Send, window: Window) -> Send:
        headers = self._headers(window)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableScopeHeaders.from_message(message)
                for name, value in headers.items():
                    response_headers[name] = value
            await send(message)

        return send_with_headers


def api_rate_limit(settings: Settings) -> RateLimitConfig:
    """Limit every request but the probes to `API_RATE_LIMIT` per window and client."""
    return RateLimitConfig(
        rate_limit=(settings.api_rate_limit_window, settings.api_rate_limit),
        exclude=PROBE_PATHS,
        store=API_RATE_LIMIT_STORE,
        middleware_class=CountingRateLimitMiddleware,
    )


def login_rate_limit(
    *, settings: Settings, login_paths: Collection[str]
) -> RateLimitConfig:
    """Limit POSTs to `login_paths` to `LOGIN_RATE_LIMIT` per window and client."""
    paths = frozenset(path.rstrip("/") for path in login_paths)

    def is_login_attempt(request: Request[Any, Any, Any]) -> bool:
        # `raw_path`: a mounted app (the admin) sees its path without the prefix.
        path = request.scope["raw_path"].decode("latin-1").rstrip("/")
        return request.method == "POST" and path in paths

    return RateLimitConfig(
        rate_limit=(settings.login_rate_limit_window, settings.login_rate_limit),
        check_throttle_handler=is_login_attempt,
        store=LOGIN_RATE_LIMIT_STORE,
        middleware_class=CountingRateLimitMiddleware,
    )
