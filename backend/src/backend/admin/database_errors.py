"""Admin pages for a database that timed out or is away: 503, never a 500.

starlette-admin lets database errors escape its routes: a statement cut by
`statement_timeout` became a plain-text 500 and a logged traceback holding
the statement's parameters (the search text). Here it is the admin's own
error page with status 503 and `Retry-After`, logged as one warning line.
"""

import logging
from collections.abc import Awaitable, Callable
from typing import cast

from advanced_alchemy.exceptions import RepositoryError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.status import HTTP_503_SERVICE_UNAVAILABLE
from starlette_admin.contrib.sqla import Admin

from backend.errors import (
    DATABASE_UNAVAILABLE,
    QUERY_TIMED_OUT,
    database_unavailable,
    query_timed_out,
)
from backend.http.errors import TIMED_OUT_RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


def render_database_errors(admin: Admin) -> None:
    """Make a mounted `admin` answer its error page, 503, for a database timeout
    or outage; every other database error stays a 500."""
    site = admin.app
    # starlette-admin's own error page (its handler for HTTPException): async,
    # for HTTP requests; Starlette types the handler table for websockets too.
    render_error = cast(
        "Callable[[Request, Exception], Awaitable[Response]]",
        site.exception_handlers[HTTPException],
    )

    async def database_error_page(request: Request, exc: Exception) -> Response:
        if query_timed_out(exc):
            detail = QUERY_TIMED_OUT
        elif database_unavailable(exc):
            detail = DATABASE_UNAVAILABLE
        else:
            raise exc
        logger.warning(
            "admin %s %s: %s", request.method, request.url.path, type(exc).__name__
        )
        page = HTTPException(HTTP_503_SERVICE_UNAVAILABLE, detail)
        response = await render_error(request, page)
        response.headers["Retry-After"] = str(TIMED_OUT_RETRY_AFTER_SECONDS)
        return response

    for error in (SQLAlchemyError, RepositoryError, OSError):
        site.add_exception_handler(error, database_error_page)
