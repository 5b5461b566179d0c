"""Login rate limiting: Litestar's rate limiter, counting sign-in attempts only.

Attempts are counted per client address in the `login_rate_limit` store (in
memory, per process, unless the app registers a shared store under that name).
Behind a proxy, let the server set the client address from trusted proxy
headers (uvicorn `--proxy-headers --forwarded-allow-ips=...`).
"""

from collections.abc import Collection
from typing import Any

from litestar import Request
from litestar.middleware.rate_limit import RateLimitConfig

from backend.settings import Settings

LOGIN_RATE_LIMIT_STORE = "login_rate_limit"


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
    )
