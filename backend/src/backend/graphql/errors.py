"""GraphQL error mapping: every error gets an `extensions.code`, none leaks internals.

Domain and repository errors become client errors with a safe message
(`BAD_USER_INPUT` naming the field, `NOT_FOUND`, `CONFLICT`); an unreachable
database or a statement timeout is `SERVICE_UNAVAILABLE`; anything else raised
while resolving is masked as `INTERNAL_SERVER_ERROR`, and its details go to the
server log with the request's id.
"""

import logging
from collections.abc import AsyncGenerator, Iterator
from contextlib import asynccontextmanager
from enum import StrEnum

import strawberry
from advanced_alchemy.exceptions import (
    DuplicateKeyError,
    NotFoundError,
    RepositoryError,
)
from graphql import GraphQLError, GraphQLSyntaxError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.utils.str_converters import to_camel_case

from backend.errors import (
    DATABASE_UNAVAILABLE,
    QUERY_TIMED_OUT,
    ForbiddenError,
    InvalidFieldError,
    database_unavailable,
    query_timed_out,
)

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "Internal server error."


class ErrorCode(StrEnum):
    """Values of `extensions.code` in a GraphQL error."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"


def bad_user_input(message: str, *, field: str) -> GraphQLError:
    """A `BAD_USER_INPUT` error naming the argument or input field to fix."""
    return GraphQLError(
        message,
        extensions={"code": ErrorCode.BAD_USER_INPUT, "field": to_camel_case(field)},
    )


def with_code(error: GraphQLError, code: ErrorCode) -> GraphQLError:
    """`error`'s message and location with `extensions.code`, and no cause."""
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": code},
    )


def query_too_complex(cost: int, budget: int) -> GraphQLError:
    """The refusal of an operation whose computed cost exceeds the budget."""
    return GraphQLError(
        f"query cost {cost} exceeds the budget of {budget}",
        extensions={"code": ErrorCode.QUERY_TOO_COMPLEX},
    )


def to_graphql_error(
    exc: InvalidFieldError | ForbiddenError | RepositoryError,
) -> GraphQLError:
    """The client's view of a domain or repository error.

    An unexpected repository error keeps only a generic message; `exc` stays
    attached as the original error so the server log shows it.
    """
    if isinstance(exc, InvalidFieldError):
        return bad_user_input(exc.message, field=exc.field)
    if isinstance(exc, ForbiddenError):
        return GraphQLError(exc.message, extensions={"code": ErrorCode.FORBIDDEN})
    if isinstance(exc, NotFoundError):
        return GraphQLError(str(exc.detail), extensions={"code": ErrorCode.NOT_FOUND})
    if isinstance(exc, DuplicateKeyError):
        return GraphQLError(str(exc.detail), extensions={"code": ErrorCode.CONFLICT})
    if database_unavailable(exc) or query_timed_out(exc):
        return _service_unavailable(exc)
    return GraphQLError(
        INTERNAL_ERROR,
        original_error=exc,
        extensions={"code": ErrorCode.INTERNAL_SERVER_ERROR},
    )


@asynccontextmanager
async def mutation_errors(session: AsyncSession) -> AsyncGenerator[None]:
    """Roll `session` back when the block fails, so no partial write is committed.

    Raises:
        GraphQLError: for a domain or repository error (`to_graphql_error`);
            other errors pass through, to be masked.
    """
    succeeded = False
    try:
        yield
        succeeded = True
    except (InvalidFieldError, ForbiddenError, RepositoryError) as exc:
        raise to_graphql_error(exc) from exc
    finally:
        if not succeeded:
            await session.rollback()


def _service_unavailable(cause: BaseException | None) -> GraphQLError:
    # A statement timeout is SERVICE_UNAVAILABLE too, with its own message.
    message = QUERY_TIMED_OUT if query_timed_out(cause) else DATABASE_UNAVAILABLE
    return GraphQLError(message, extensions={"code": ErrorCode.SERVICE_UNAVAILABLE})


def _unexpected(cause: BaseException | None) -> GraphQLError:
    if database_unavailable(cause) or query_timed_out(cause):
        return _service_unavailable(cause)
    return GraphQLError(
        INTERNAL_ERROR, extensions={"code": ErrorCode.INTERNAL_SERVER_ERROR}
    )


def _client_error_for(error: GraphQLError) -> GraphQLError:
    cause = error.original_error
    if isinstance(cause, (InvalidFieldError, RepositoryError)):
        return to_graphql_error(cause)
    if isinstance(cause, StrawberryInputCoercionError):
        return GraphQLError(
            cause.message, extensions={"code": ErrorCode.BAD_USER_INPUT}
        )
    if isinstance(error, GraphQLSyntaxError):
        return GraphQLError(
            error.message, extensions={"code": ErrorCode.GRAPHQL_PARSE_FAILED}
        )
    if error.path is None and (cause is None or isinstance(cause, GraphQLError)):
        return GraphQLError(
            error.message, extensions={"code": ErrorCode.GRAPHQL_VALIDATION_FAILED}
        )
    return _unexpected(cause)


def client_error(error: GraphQLError) -> GraphQLError:
    """`error` as the client sees it: with a code, located, and masked if unexpected.

    Errors raised with a code (by resolvers, through `to_graphql_error`) are
    returned as they are.
    """
    if error.extensions and "code" in error.extensions:
        return error
    mapped = _client_error_for(error)
    return GraphQLError(
        mapped.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=mapped.extensions,
    )


class ErrorCodes(SchemaExtension):
    """Replaces each error of a result by its `client_error`."""

    def on_operation(self) -> Iterator[None]:
        """Map the errors once the operation has run."""
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [client_error(error) for error in errors]


def _root_cause(error: GraphQLError) -> BaseException:
    cause: BaseException = error
    while isinstance(cause, GraphQLError) and cause.original_error is not None:
        cause = cause.original_error
    return cause


class LoggedErrorsSchema(strawberry.Schema):
    """A schema that logs each error once, with the request's id.

    Client errors are logged at INFO with their code; internal ones at ERROR
    with the traceback the client never sees.
    """

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        """Log `errors` (called by Strawberry before they are mapped)."""
        context = execution_context.context if execution_context else None
        request_id = getattr(context, "request_id", "-")
        for error in errors:
            shown = client_error(error)
            code = (shown.extensions or {}).get("code")
            if code == ErrorCode.INTERNAL_SERVER_ERROR:
                logger.error(
                    "graphql error request_id=%s path=%s",
                    request_id,
                    error.path,
                    exc_info=_root_cause(error),
                )
            else:
                logger.info(
                    "graphql %s request_id=%s path=%s: %s",
                    code,
                    request_id,
                    error.path,
                    shown.message,
                )
