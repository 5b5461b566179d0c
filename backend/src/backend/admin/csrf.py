"""CSRF tokens bound to the admin session, not to a cookie of their own.

starlette-admin's own check compares the submitted token with a separate
cookie (double submit): a token and cookie pair taken from one browser works
with any session, and a cookie planted from a sibling host replaces it. Here
the token lives in the signed session: it works only with the session it was
issued to, and a new one is issued whenever the session is cleared (sign-in,
sign-out). The cookie is still set, for the admin's scripts to read.
"""

import hmac
import secrets

from itsdangerous import BadSignature
from starlette.middleware.base import RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette_admin.security.csrf import CSRFMiddleware

SESSION_CSRF_KEY = "csrf_token"
CSRF_REFUSED = "CSRF token missing or invalid"


class SessionCSRFMiddleware(CSRFMiddleware):
    """starlette-admin's CSRF middleware, checking against the session's token.

    Must run inside Starlette's `SessionMiddleware`.
    """

    async def dispatch(
        self, request: Request, call_next: RequestResponseEndpoint
    ) -> Response:
        """Refuse an unsafe request whose token is not this session's (403)."""
        token = request.session.get(SESSION_CSRF_KEY)
        if not isinstance(token, str):
            token = secrets.token_hex(32)
            request.session[SESSION_CSRF_KEY] = token
        signed = self._signer.dumps(token)
        request.state.csrf_token = signed
        if request.method not in self.safe_methods and not self._is_valid(
            await self._get_submitted_token(request), token
        ):
            return PlainTextResponse(CSRF_REFUSED, status_code=403)
        response = await call_next(request)
        if request.cookies.get(self.cookie_name) != signed:
            response.set_cookie(
                self.cookie_name,
                signed,
                httponly=False,  # the admin's scripts send it as X-CSRFToken
                samesite="lax",
                secure=request.url.scheme == "https",
            )
        return response

    def _is_valid(self, submitted: str | None, token: str) -> bool:
        if not submitted:
            return False
        try:
            value = self._signer.loads(submitted)
        except BadSignature:
            return False
        return isinstance(value, str) and hmac.compare_digest(value, token)
