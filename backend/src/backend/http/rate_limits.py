"""Rate limits, counted in the app's stores (memory or Redis).

Every route except the probes passes `API_RATE_LIMIT` per window and client
address. `/health` and `/ready` are exempt: load balancers and orchestrators
poll them from a few addresses, and a throttled probe would take a healthy
instance out of rotation. Beyond a limit: 429 with `Retry-After`.

Sign-ins (the API login, the password change and the admin login) also spend
two budgets of their own, shared by the API and the admin: `LOGIN_RATE_LIMIT`
per client address (every attempt counts), and `LOGIN_ACCOUNT_RATE_LIMIT`
failed attempts per account (normalised email, known or not), so rotating
addresses buys no more guesses at one account while its owner, signing in
often, never locks themselves out. What counts as a sign-in is decided by the
route a request was routed to (the handler's `sign_in` opt; the admin's login
route), never by comparing path strings, which clients can spell in many ways.

The client address is the connection's: behind a proxy, let the server set it
from trusted proxy headers (uvicorn `--forwarded-allow-ips`, see
docs/security.md); the limiters never read `X-Forwarded-For` themselves. With
`REDIS_URL` the counters are shared by every instance; each check reads then
writes its counter, so instances racing for one client may let a few requests
more through: a guard against abuse, not an exact quota.
"""

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import anyio
from litestar import Request
from litestar.datastructures import MutableScopeHeaders, State
from litestar.enums import ScopeType
from litestar.exceptions import TooManyRequestsException
from litestar.middleware import ASGIMiddleware
from litestar.middleware.rate_limit import (
    DURATION_VALUES,
    DurationUnit,
    RateLimitConfig,
    RateLimitMiddleware,
)
from litestar.stores.base import Store
from litestar.stores.registry import StoreRegistry
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from backend.settings import Settings

API_RATE_LIMIT_STORE = "api_rate_limit"
LOGIN_RATE_LIMIT_STORE = "login_rate_limit"
PROBE_PATHS = ["^/health$", "^/ready$"]
# Route handler opt: the handler checks a password and spends the sign-in budgets.
SIGN_IN_OPT = "sign_in"
SIGN_IN_LIMITS_STATE_KEY = "sign_in_limits"


@dataclass(frozen=True, slots=True)
class Window:
    """A key's requests in the current window, and when the window ends."""

    count: int
    reset: int


class FixedWindow:
    """`max_requests` per window of one `unit`, counted per key in a store.

    A count and the window's end are all it keeps (Litestar's own limiter
    stores and re-encodes one timestamp per request of the window).
    """

    def __init__(self, *, max_requests: int, unit: DurationUnit) -> None:
        self.max_requests = max_requests
        self.unit = unit
        self._lock = anyio.Lock()

    async def spend(self, store: Store, key: str) -> Window:
        """Count one request for `key`; the window after counting it.

        Raises:
            TooManyRequestsException: the key's window is full (with the
                `RateLimit-*` and `Retry-After` headers).
        """
        async with self._lock:
            window = await self._window(store, key)
            if window.count >= self.max_requests:
                headers = self.headers(window)
                headers["Retry-After"] = headers["RateLimit-Reset"]
                raise TooManyRequestsException(headers=headers)
            window = Window(window.count + 1, window.reset)
            expires_in = max(window.reset - int(time.time()), 1)
            await store.set(
                key, f"{window.count}:{window.reset}", expires_in=expires_in
            )
        return window

    async def _window(self, store: Store, key: str) -> Window:
        now = int(time.time())
        stored = await store.get(key)
        if stored:
            count, _, reset = stored.decode().partition(":")
            if count.isdecimal() and reset.isdecimal() and int(reset) > now:
                return Window(int(count), int(reset))
        return Window(0, now + DURATION_VALUES[self.unit])

    async def give_back(self, store: Store, key: str) -> None:
        """Uncount one request `spend` counted for `key` in the current window."""
        async with self._lock:
            window = await self._window(store, key)
            if window.count > 0:
                expires_in = max(window.reset - int(time.time()), 1)
                await store.set(
                    key, f"{window.count - 1}:{window.reset}", expires_in=expires_in
                )

    def headers(self, window: Window) -> dict[str, str]:
        """The `RateLimit-*` headers that describe `window`."""
        return {
            "RateLimit-Policy": f"{self.max_requests}; w={DURATION_VALUES[self.unit]}",
            "RateLimit-Limit": str(self.max_requests),
            "RateLimit-Remaining": str(max(self.max_requests - window.count, 0)),
            "RateLimit-Reset": str(max(window.reset - int(time.time()), 0)),
        }


class CountingRateLimitMiddleware(RateLimitMiddleware):
    """Litestar's limiter, counting in a `FixedWindow` instead of timestamps."""

    def __init__(self, app: ASGIApp, config: RateLimitConfig) -> None:
        super().__init__(app, config)
        self.window = FixedWindow(max_requests=self.max_requests, unit=self.unit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the request, or answer 429 when the client's window is full."""
        app = scope["litestar_app"]
        request: Request[Any, Any, Any] = app.request_class(scope)
        if await self.should_check_request(request=request):
            store = self.config.get_store_from_app(app)
            window = await self.window.spend(
                store, self.cache_key_from_request(request)
            )
            send = _sending_headers(send, self.window.headers(window))
        await self.app(scope, receive, send)


def _sending_headers(send: Send, headers: dict[str, str]) -> Send:
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


def client_address(scope: Mapping[str, object]) -> str:
    """The address the connection comes from (the server applied trusted proxies).

    Takes Litestar's and Starlette's scopes alike.
    """
    client = scope.get("client")
    if isinstance(client, (tuple, list)) and client:
        return str(client[0])
    return "unknown"


class SignInLimits:
    """The sign-in budgets, one store and one count for the API and the admin."""

    def __init__(self, *, settings: Settings, stores: StoreRegistry) -> None:
        self.per_client = FixedWindow(
            max_requests=settings.login_rate_limit,
            unit=settings.login_rate_limit_window,
        )
        self.per_account = FixedWindow(
            max_requests=settings.login_account_rate_limit,
            unit=settings.login_account_rate_limit_window,
        )
        self._stores = stores

    async def spend_client(self, client: str) -> None:
        """Count a sign-in attempt from the client address `client`.

        Raises:
            TooManyRequestsException: the client's budget is spent.
        """
        await self.per_client.spend(self._store(), f"client::{client}")

    async def spend_account(self, account: str) -> None:
        """Count a sign-in attempt at `account`, a normalised email (known or
        not), before its password is checked; `give_back_account` uncounts it
        when the sign-in succeeds, so only failures stay counted.

        Counting up front rather than after a failure keeps concurrent guesses
        from all passing the check before any of them is counted.

        Raises:
            TooManyRequestsException: the account's budget of failures is spent.
        """
        await self.per_account.spend(self._store(), _account_key(account))

    async def give_back_account(self, account: str) -> None:
        """Uncount the attempt at `account` that succeeded."""
        await self.per_account.give_back(self._store(), _account_key(account))

    def _store(self) -> Store:
        return self._stores.get(LOGIN_RATE_LIMIT_STORE)


def _account_key(account: str) -> str:
    # Hashed: the store never holds the addresses people typed.
    digest = hashlib.sha256(account.encode("utf-8", "surrogatepass")).hexdigest()
    return f"account::{digest}"


def sign_in_limits_of(state: State) -> SignInLimits:
    """The app's sign-in budgets, built once at start-up."""
    limits: SignInLimits = state[SIGN_IN_LIMITS_STATE_KEY]
    return limits


class SignInRateLimitMiddleware(ASGIMiddleware):
    """Spend the client's sign-in budget on requests routed to a sign-in handler.

    Runs after routing, so it sees the handler the request reached, however
    its path was spelt; it counts before the body is read, so malformed
    bodies count too. The budgets come from the app's state (Litestar copies
    middleware instances while it builds its routes).
    """

    scopes = (ScopeType.HTTP,)

    async def handle(
        self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp
    ) -> None:
        """Count a sign-in attempt, or refuse it with 429."""
        if scope["route_handler"].opt.get(SIGN_IN_OPT):
            limits = sign_in_limits_of(scope["litestar_app"].state)
            await limits.spend_client(client_address(scope))
        await next_app(scope, receive, send)
