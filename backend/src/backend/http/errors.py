"""REST error mapping: domain and repository errors to Litestar's JSON error shape.

Responses read `{"status_code", "detail", "extra"?}`; a 5xx never carries a
traceback, SQL or exception text. Every 500 is logged here, once, at ERROR
with its traceback and the request's id (Litestar's own exception logging is
off, so nothing is logged twice).

A JSON body that cannot be decoded is the client's fault however it breaks
the decoder (`JSONBodyRequest`): a 400, never a 500.
"""

import logging
import re
from collections.abc import Mapping
from typing import Any

import msgspec
from advanced_alchemy.exceptions import (
    DuplicateKeyError,
    NotFoundError,
    RepositoryError,
)
from litestar import Request, Response
from litestar.exceptions import (
    ClientException,
    TooManyRequestsException,
    ValidationException,
)
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.types import Empty, ExceptionHandlersMap
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from backend.errors import (
    DATABASE_UNAVAILABLE,
    QUERY_TIMED_OUT,
    ForbiddenError,
    InvalidFieldError,
    database_unavailable,
    query_timed_out,
)
from backend.http.request_log import request_id_of

logger = logging.getLogger(__name__)

STORE_UNAVAILABLE = "The rate-limit store is unavailable; try again shortly."
INTERNAL_ERROR = "Internal server error."
TOO_MANY_REQUESTS = "Too many attempts; retry after the time `Retry-After` gives."
TIMED_OUT_RETRY_AFTER_SECONDS = 5


class ErrorDetail(msgspec.Struct):
    """One problem with the request: the input it concerns and what to fix."""

    key: str
    message: str


class ErrorBody(msgspec.Struct, omit_defaults=True):
    """Litestar's error response body."""

    status_code: int
    detail: str
    extra: list[ErrorDetail] | None = None


_DESCRIPTIONS: Mapping[int, str] = {
    400: "Invalid input: `extra` names each field to fix",
    401: "Authentication required or failed",
    403: "Not yours: only its owner (or a superuser) may change it",
    404: "No such resource",
    409: "Conflicts with a stored resource",
    413: "Request body too large",
    429: "Too many requests",
    503: "The database (or the rate-limit store) is unavailable, or the request "
    "ran out of time (with `Retry-After`)",
}
# Any operation may meet the rate limit or a database outage.
_EVERY_OPERATION = (429, 503)


def error_responses(*status_codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI documentation of the error responses an operation can give.

    429 and 503 are added to `status_codes`: every operation can give them.
    """
    return {
        code: ResponseSpec(data_container=ErrorBody, description=_DESCRIPTIONS[code])
        for code in sorted({*status_codes, *_EVERY_OPERATION})
    }


def _error(
    status_code: int, detail: str, extra: list[ErrorDetail] | None = None
) -> Response[ErrorBody]:
    return Response(ErrorBody(status_code, detail, extra), status_code=status_code)


def _body_struct(handler: Any) -> type[msgspec.Struct] | None:
    """The `msgspec.Struct` a route handler's `data` is, if it is one."""
    signature = getattr(handler, "parsed_fn_signature", None)
    data = signature.parameters.get("data") if signature else None
    annotation = getattr(data, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return annotation
    return None


def _json_of(body: bytes) -> Any:
    """`body` decoded as JSON, or None when it is not well-formed JSON."""
    try:
        return [msgspec.json.decode(body or b"null")]
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return None


def _integral(value: Any) -> Any:
    """`value` with every whole float (`2.0`) an int, as JSON Schema reads it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    return value


def _converted(
    request: Request[Any, Any, Any],
    decoded: list[Any],
    body_type: type[msgspec.Struct],
    exc: msgspec.ValidationError,
) -> msgspec.Struct:
    """The body as `body_type` once whole floats count as integers (JSON
    Schema's `integer` takes `2.0`); still strict about every other type.

    Raises:
        ValidationException: the body still does not fit `body_type`.
    """
    try:
        return msgspec.convert(_integral(decoded[0]), body_type, strict=True)
    except msgspec.ValidationError as again:
        raise _body_problem(request, again) from exc


def _body_problem(
    request: Request[Any, Any, Any], exc: msgspec.ValidationError
) -> ValidationException:
    """Litestar's 400 for a body that does not fit its type, naming the field."""
    message, _, path = str(exc).partition(" - at `$.")
    key = re.split(r"[.\[`]", path, maxsplit=1)[0] if path else "data"
    return ValidationException(
        detail=f"Validation failed for {request.method} {request.url.path}",
        extra=[{"message": message, "key": key, "source": "body"}],
    )


class JSONBodyRequest(Request[Any, Any, Any]):
    """A request whose JSON body decodes, or is a 400 saying why it does not.

    Litestar turns the decoder's syntax errors into 400s, but not invalid
    UTF-8 inside a string (`UnicodeDecodeError`) or nesting deeper than the
    decoder's stack (`RecursionError`).

    A body a handler takes as a `msgspec.Struct` is decoded into it strictly,
    as its OpenAPI schema states: Litestar converts bodies leniently, which
    would take `"5"` or `5.0` for an integer and `"true"` for a boolean.
    """

    async def json(self) -> Any:
        """The decoded JSON body (`None` when empty), or the handler's body
        `Struct`, decoded strictly.

        Raises:
            ClientException: a 400 when the body is not valid UTF-8 JSON.
            ValidationException: a 400 naming the field whose value does not
                have the type the body's schema states.
        """
        body_type = _body_struct(self.scope.get("route_handler"))
        if body_type is not None and self._json is Empty:
            body = await self.body()
            try:
                self._json = msgspec.json.decode(body or b"null", type=body_type)
            except msgspec.ValidationError as exc:
                # The typed decoder stops at the first wrong value: a body
                # that is not JSON at all is answered below, as malformed.
                if (decoded := _json_of(body)) is not None:
                    self._json = _converted(self, decoded, body_type, exc)
                    return self._json
            except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
                pass  # malformed JSON: answered below, as for any other body
            else:
                return self._json
        try:
            return await super().json()
        except UnicodeDecodeError as exc:
            raise ClientException("JSON is malformed: not valid UTF-8") from exc
        except RecursionError as exc:
            raise ClientException("JSON is malformed: nested too deeply") from exc


# nginx's status for a request its client abandoned; nobody reads the answer.
CLIENT_CLOSED_REQUEST = 499
# Set in the scope (`http.request_budget`) when the client left while sending
# its body: Litestar then fails the body read with a 500 that is not ours.
CLIENT_LEFT = "backend.client_left"


def log_internal_error(request: Request[Any, Any, Any], exc: BaseException) -> None:
    """Log the error behind a 500 at ERROR, with its traceback and the request id."""
    logger.error(
        "internal error request_id=%s method=%s path=%s",
        request_id_of(request.scope),
        request.method,
        request.url.path,
        exc_info=exc,
        extra={"request_id": request_id_of(request.scope)},
    )


def internal_error_handler(
    request: Request[Any, Any, Any], exc: Exception
) -> Response[ErrorBody]:
    """A masked 500 for an unexpected error, logged once (`log_internal_error`).

    Litestar routes here every exception no other handler takes, and every
    `HTTPException` whose status is 500. A client that left while sending its
    body fails the body read with a 500 too: that is logged as an abandoned
    request, and nobody is left to read the answer.
    """
    if request.scope.get(CLIENT_LEFT):
        logger.warning(
            "request abandoned (client disconnected while sending its body): %s %s",
            request.method,
            request.url.path,
        )
        return _error(CLIENT_CLOSED_REQUEST, "Client closed the request.")
    log_internal_error(request, exc)
    return _error(HTTP_500_INTERNAL_SERVER_ERROR, INTERNAL_ERROR)


def timed_out_response() -> Response[ErrorBody]:
    """503 with `Retry-After`: a statement or the request ran out of time."""
    return Response(
        ErrorBody(HTTP_503_SERVICE_UNAVAILABLE, QUERY_TIMED_OUT),
        status_code=HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(TIMED_OUT_RETRY_AFTER_SECONDS)},
    )


def invalid_field_handler(
    _: Request[Any, Any, Any], exc: InvalidFieldError
) -> Response[ErrorBody]:
    """400 naming the field to fix."""
    return _error(
        HTTP_400_BAD_REQUEST, exc.message, [ErrorDetail(exc.field, exc.message)]
    )


def forbidden_handler(
    _: Request[Any, Any, Any], exc: ForbiddenError
) -> Response[ErrorBody]:
    """403: the item is someone else's."""
    return _error(HTTP_403_FORBIDDEN, exc.message)


def repository_error_handler(
    request: Request[Any, Any, Any], exc: RepositoryError
) -> Response[ErrorBody]:
    """404 / 409 with the repository's safe message; 503 or a masked 500 otherwise."""
    if isinstance(exc, NotFoundError):
        return _error(HTTP_404_NOT_FOUND, str(exc.detail))
    if isinstance(exc, DuplicateKeyError):
        return _error(HTTP_409_CONFLICT, str(exc.detail))
    if query_timed_out(exc):
        logger.warning("statement timeout on %s %s", request.method, request.url.path)
        return timed_out_response()
    if database_unavailable(exc.__cause__ or exc.__context__):
        logger.warning(
            "database unavailable on %s %s", request.method, request.url.path
        )
        return _error(HTTP_503_SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE)
    log_internal_error(request, exc)
    return _error(HTTP_500_INTERNAL_SERVER_ERROR, INTERNAL_ERROR)


def database_down_handler(
    request: Request[Any, Any, Any], exc: OSError | OperationalError | PoolTimeoutError
) -> Response[ErrorBody]:
    """503 when the database cannot be reached outside a repository call."""
    logger.warning(
        "database unavailable on %s %s: %s",
        request.method,
        request.url.path,
        type(exc).__name__,
    )
    return _error(HTTP_503_SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE)


def store_down_handler(
    request: Request[Any, Any, Any], exc: RedisConnectionError | RedisTimeoutError
) -> Response[ErrorBody]:
    """503 when the shared rate-limit store (Redis) does not answer."""
    logger.warning(
        "rate-limit store unavailable on %s %s: %s",
        request.method,
        request.url.path,
        type(exc).__name__,
    )
    return _error(HTTP_503_SERVICE_UNAVAILABLE, STORE_UNAVAILABLE)


def too_many_requests_handler(
    _: Request[Any, Any, Any], exc: TooManyRequestsException
) -> Response[ErrorBody]:
    """429 with `Retry-After`: the seconds until the rate limiter's window resets."""
    headers = dict(exc.headers or {})
    headers.setdefault("Retry-After", headers.get("RateLimit-Reset", "60"))
    return Response(
        ErrorBody(HTTP_429_TOO_MANY_REQUESTS, TOO_MANY_REQUESTS),
        status_code=HTTP_429_TOO_MANY_REQUESTS,
        headers=headers,
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    HTTP_500_INTERNAL_SERVER_ERROR: internal_error_handler,
    TooManyRequestsException: too_many_requests_handler,
    InvalidFieldError: invalid_field_handler,
    ForbiddenError: forbidden_handler,
    RepositoryError: repository_error_handler,
    OperationalError: database_down_handler,
    InterfaceError: database_down_handler,
    PoolTimeoutError: database_down_handler,
    ConnectionError: database_down_handler,
    RedisConnectionError: store_down_handler,
    RedisTimeoutError: store_down_handler,
}
