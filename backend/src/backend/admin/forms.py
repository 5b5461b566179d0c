"""Admin writes go through the services; their domain errors become form errors.

starlette-admin's number and date fields turn text they cannot parse into
None, so a number field sent `abc` was silently cleared: the fields here keep
such text and refuse it as an error on its field.
"""

import re
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager, suppress
from datetime import date
from typing import Any

from advanced_alchemy.exceptions import DuplicateKeyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette_admin.exceptions import FormValidationError
from starlette_admin.fields import DateField, IntegerField

from backend.errors import InvalidFieldError
from backend.kit.text import ASCII_INTEGER

# Longer digit strings are out of every column's range (and `int()` refuses
# very long ones): refused as text rather than converted.
_MAX_INTEGER_DIGITS = 20
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Unparsable(str):
    """The submitted text of a value its field could not parse."""

    __slots__ = ()


def _submitted(form_data: FormData, name: str) -> str | None:
    raw = form_data.get(name)
    if not isinstance(raw, str) or not raw.strip():
        return None
    return raw.strip()


async def refuse_unparsable(value: object, message: str) -> None:
    """Refuse, with `message`, a value its field could not parse.

    Raises:
        ValueError: `value` is `Unparsable` (starlette-admin shows the message
            next to the field).
    """
    if isinstance(value, Unparsable):
        raise ValueError(message)  # noqa: TRY004 (starlette-admin shows ValueErrors)


class StrictIntegerField(IntegerField):
    """A whole number in ASCII digits; other text is a field error, empty is None."""

    async def parse_form_data(self, request: Request, form_data: FormData) -> Any:
        """The number submitted, None when empty, `Unparsable` otherwise."""
        raw = _submitted(form_data, self.id)
        if raw is None:
            return None
        if len(raw) > _MAX_INTEGER_DIGITS or not ASCII_INTEGER.fullmatch(raw):
            return Unparsable(raw)
        return int(raw)

    async def validate(
        self, request: Request, value: Any, form_values: dict[str, Any]
    ) -> None:
        """Refuse text that is not a whole number, then the field's own rules."""
        await refuse_unparsable(value, "Enter a whole number, e.g. 412.")
        await super().validate(request, value, form_values)


class StrictDateField(DateField):
    """A calendar date as YYYY-MM-DD; other text is a field error, empty is None."""

    async def parse_form_data(self, request: Request, form_data: FormData) -> Any:
        """The date submitted, None when empty, `Unparsable` otherwise."""
        raw = _submitted(form_data, self.id)
        if raw is None:
            return None
        if _ISO_DATE.fullmatch(raw):
            with suppress(ValueError):  # 2024-13-45 has the shape, not a date
                return date.fromisoformat(raw)
        return Unparsable(raw)

    async def validate(
        self, request: Request, value: Any, form_values: dict[str, Any]
    ) -> None:
        """Refuse text that is not a date, then the field's own rules."""
        await refuse_unparsable(value, "Enter a date as YYYY-MM-DD, e.g. 1965-08-01.")
        await super().validate(request, value, form_values)


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
