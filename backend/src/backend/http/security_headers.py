"""Security headers on every response, the CORS policy and the Host check.

A `before_send` hook, so the headers reach every response the app sends:
routed or not (404, 405), the mounted admin, the static frontend and errors.
A header a handler already set is left alone.

The Content-Security-Policy is strict (`'self'` only, no inline code) except
on pages that cannot work under it: the admin (starlette-admin's templates
carry inline scripts and styles), the OpenAPI
viewers under `/schema` and GraphiQL at `/graphql` (development only by
default), which load their code from public CDNs. None of them shows data
from an untrusted source without escaping it.
"""

import re
from collections.abc import Awaitable, Callable, Mapping

from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.cors import CORSConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware import DefineMiddleware
from litestar.middleware.allowed_hosts import AllowedHostsMiddleware
from litestar.types import ASGIApp, Message, Scope

from backend.settings import Settings

type BeforeSend = Callable[[Message, Scope], Awaitable[None]]

_COMMON = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
STRICT_POLICY = (
    f"default-src 'self'; img-src 'self' data:; form-action 'self'; {_COMMON}"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; img-src 'self' data:; "
    f"form-action 'self'; {_COMMON}"
)
_CDNS = "https://cdn.jsdelivr.net https://unpkg.com"
TOOLS_POLICY = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_CDNS}; "
    f"style-src 'self' 'unsafe-inline' {_CDNS} https://fonts.scalar.com; "
    f"font-src 'self' data: {_CDNS} https://fonts.scalar.com; "
    f"img-src 'self' data: {_CDNS}; connect-src 'self'; {_COMMON}"
)
HSTS = "max-age=63072000; includeSubDomains"
_SCHEMA_DOCUMENTS = (
    "/schema/openapi.json",
    "/schema/openapi.yaml",
    "/schema/openapi.yml",
)


def content_security_policy(path: str, content_type: str) -> str:
    """The policy for a response to `path` with this `Content-Type`."""
    if path == "/admin" or path.startswith("/admin/"):
        return ADMIN_POLICY
    is_html = content_type.startswith("text/html")
    if path.startswith("/schema") and path not in _SCHEMA_DOCUMENTS:
        return TOOLS_POLICY
    if path == "/graphql" and is_html:
        return TOOLS_POLICY
    return STRICT_POLICY


def security_headers(settings: Settings) -> BeforeSend:
    """A `before_send` hook that adds the security headers to each response."""
    fixed: Mapping[str, str] = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        **({"Strict-Transport-Security": HSTS} if settings.is_production else {}),
    }
    # Raw (lower-case) names and values, added in one pass over the response's
    # headers rather than one case-insensitive search per header.
    raw_fixed = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in fixed.items()
    ]

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message).headers
        present = {name.lower(): value for name, value in reversed(headers)}
        headers.extend(item for item in raw_fixed if item[0] not in present)
        if _CSP not in present:
            path = scope["raw_path"].decode("latin-1").split("?", 1)[0]
            content_type = present.get(b"content-type", b"").decode("latin-1")
            policy = content_security_policy(path, content_type)
            headers.append((_CSP, policy.encode("latin-1")))

    return add_headers


_CSP = b"content-security-policy"


def cors_config(settings: Settings) -> CORSConfig | None:
    """CORS for `CORS_ALLOW_ORIGINS`, or none (same origin only) when it is empty.

    Never with credentials: the API authenticates with bearer tokens, not
    cookies, so a cross-origin caller has nothing to gain from them.
    """
    if not settings.cors_allow_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After"],
        allow_credentials=False,
        max_age=600,
    )


# Probes address the container by whatever name or address it has.
_PROBES = ["^/health$", "^/ready$"]


class _AnyPortAllowedHostsMiddleware(AllowedHostsMiddleware):
    """Litestar's Host check, matching a listed host with or without a port.

    Litestar compares the whole `Host` header, port included, so `localhost`
    would refuse `localhost:8000`; a browser sends the port when it is not
    the scheme's default.
    """

    def __init__(self, app: ASGIApp, config: AllowedHostsConfig) -> None:
        super().__init__(app, config)
        if self.allowed_hosts_regex is not None:
            pattern = self.allowed_hosts_regex.pattern
            self.allowed_hosts_regex = re.compile(f"(?:{pattern})(?::[0-9]{{1,5}})?")


def allowed_hosts(settings: Settings) -> DefineMiddleware:
    """Middleware answering 400 to a request whose `Host` is not allowed.

    Links and redirects (the admin's, to its login page) are built from the
    `Host` header: a forged one must never get that far. The health probes
    are exempt.
    """
    config = AllowedHostsConfig(
        allowed_hosts=settings.allowed_hosts_in_force,
        exclude=_PROBES,
        www_redirect=False,
    )
    return DefineMiddleware(_AnyPortAllowedHostsMiddleware, config=config)
