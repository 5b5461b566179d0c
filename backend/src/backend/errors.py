"""Domain errors shared by every app; each transport maps them to its own shape."""

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

DATABASE_UNAVAILABLE = "The database is unavailable; try again shortly."
QUERY_TIMED_OUT = (
    "The request ran out of time; narrow it (a longer search, a smaller page) "
    "or try again later."
)
# SQLSTATE of a statement the server cancelled (statement_timeout, a cancel request).
_QUERY_CANCELED = "57014"


class InvalidFieldError(ValueError):
    """A value broke a domain rule; `field` names the input that must change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ForbiddenError(PermissionError):
    """The signed-in user may not do this to this item (it is someone else's)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidCursorError(InvalidFieldError):
    """A pagination cursor was malformed, forged, or issued for another query."""

    def __init__(self, message: str) -> None:
        super().__init__("cursor", message)


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc`, or an error it was raised from, says the database is away.

    Refused or lost connections, connect and pool timeouts count; an error the
    database itself reports (a constraint, bad SQL) does not.
    """
    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError, PoolTimeoutError)):
            return True
        if isinstance(exc, DBAPIError) and exc.connection_invalidated:
            return True
        if isinstance(exc, (OSError, TimeoutError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def query_timed_out(exc: BaseException | None) -> bool:
    """Whether `exc`, or an error it was raised from, is a cancelled statement.

    The database cancels a statement that outlives `statement_timeout`
    (`DATABASE_READ_STATEMENT_TIMEOUT_MS`, `DATABASE_STATEMENT_TIMEOUT_MS`).
    """
    while exc is not None:
        if (
            isinstance(exc, DBAPIError)
            and getattr(exc.orig, "sqlstate", None) == _QUERY_CANCELED
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
