"""Admin writes go through the services; their domain errors become form errors."""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from advanced_alchemy.exceptions import DuplicateKeyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette_admin.exceptions import FormValidationError

from backend.errors import InvalidFieldError


@asynccontextmanager
async def form_errors(
    request: Request, *, duplicate_field: str
) -> AsyncGenerator[AsyncSession]:
    """The request's session inside a savepoint, for one service call.

    A failed write rolls back to the savepoint, so the form can be shown again
    with the error next to its field instead of an error page.

    Raises:
        FormValidationError: on the field an `InvalidFieldError` names, or on
            `duplicate_field` for a `DuplicateKeyError`.
    """
    session: AsyncSession = request.state.session
    try:
        async with session.begin_nested():
            yield session
    except InvalidFieldError as exc:
        raise FormValidationError({exc.field: exc.message}) from exc
    except DuplicateKeyError as exc:
        raise FormValidationError({duplicate_field: str(exc.detail)}) from exc
