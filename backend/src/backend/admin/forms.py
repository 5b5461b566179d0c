"""Admin writes go through the services; their domain errors become form errors."""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from advanced_alchemy.exceptions import DuplicateKeyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette_admin.exceptions import FormValidationError
from starlette_admin.fields import IntegerField

from backend.errors import InvalidFieldError
from backend.text import parse_ascii_integer


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


@dataclass
class AsciiIntegerField(IntegerField):
    """A whole number typed with the digits 0-9; anything else is a field error.

    starlette-admin's `IntegerField` converts with `int()`, which takes
    Arabic-Indic or fullwidth digits too. Text that is not a number is kept
    as it was typed, so that validation shows the error on the form.
    """

    # `Any`: the text that is not a number travels on to `validate` in the
    # form's untyped values, where the parent's `int | None` has no room for it.
    async def parse_form_data(self, request: Request, form_data: FormData) -> Any:
        """The number typed, `None` when the input is empty, else the raw text."""
        raw = form_data.get(self.id)
        if not isinstance(raw, str) or not raw.strip():
            return None
        try:
            return parse_ascii_integer(self.name, raw)
        except InvalidFieldError:
            return raw

    async def validate(
        self, request: Request, value: Any, form_values: dict[str, Any]
    ) -> None:
        """Refuse text that `parse_form_data` could not read as a number.

        Raises:
            ValueError: the value is not a whole number in digits 0-9.
        """
        if isinstance(value, str):
            parse_ascii_integer(self.name, value)
        await super().validate(request, value, form_values)
