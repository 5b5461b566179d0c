"""Each field's limits, declared once and read by every transport.

An entity's rules module declares its fields (`Fields(name=Text(...), ...)`);
from those declarations

- the service cleans what a client sends (`Fields.clean`: required fields,
  lengths, bounds, text rules), so REST, GraphQL and the admin share the rules
  and their messages;
- REST bodies state the limits in their schema (`Annotated[str, NAME.meta]`,
  a `msgspec.Meta`), so a client can check before sending and an oversized
  value is stopped before it is decoded further;
- admin forms get matching fields (`kit.admin.form_fields`: `maxlength`, the
  strict number and date fields).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import msgspec

from backend.errors import InvalidFieldError
from backend.kit.isbns import (
    ISBN_INPUT_MAX_LENGTH,
    ISBN_INPUT_MIN_LENGTH,
    ISBN_PATTERN,
    normalize_isbn,
)
from backend.kit.text import (
    PARAGRAPHS_PATTERN,
    SINGLE_LINE_PATTERN,
    clean_paragraphs,
    clean_single_line,
)

SINGLE_LINE_DESCRIPTION = (
    "One line with a visible character: no control characters, line breaks or "
    "bidirectional overrides; invisible characters around it are trimmed."
)


PARAGRAPHS_DESCRIPTION = (
    "Text with a visible character; tabs and line breaks allowed, no other "
    "control characters or bidirectional overrides; blank lines and invisible "
    "characters around it are trimmed."
)


class Field(Protocol):
    """What a declaration gives: whether it is required, its schema limits,
    and the check that cleans a value."""

    @property
    def required(self) -> bool:
        """A new item must have it, and it is never null."""
        ...

    @property
    def meta(self) -> msgspec.Meta:
        """The limits a REST schema states (`Annotated[T, field.meta]`)."""
        ...

    def clean(self, name: str, value: Any) -> Any:
        """The value to store.

        Raises:
            InvalidFieldError: on `name`, when the value breaks a limit.
        """
        ...


def _text_meta(
    field: "Text | Paragraphs", pattern: str, description: str
) -> msgspec.Meta:
    """The schema limits of a text field: its length bounds and `pattern`."""
    return msgspec.Meta(
        min_length=1 if field.required else 0,
        max_length=field.max_length,
        pattern=pattern,
        description=description,
    )


def _clean_text(
    field: "Text | Paragraphs",
    name: str,
    value: str | None,
    clean: Callable[[str, str], str],
) -> str | None:
    """`value` checked for length first (the Unicode checks stay cheap), then
    cleaned by `clean`; one that shows nothing is None, or refused if required.

    Raises:
        InvalidFieldError: on `name`, when it is too long, `clean` refuses it,
            or it shows nothing and is required.
    """
    if value is None:
        return None
    if len(value) > field.max_length:
        raise _too_long(name, field.max_length)
    cleaned = clean(name, value)
    if cleaned:
        return cleaned
    if field.required:
        raise InvalidFieldError(
            name, f"{name} must not be empty: it needs a visible character"
        )
    return None


def _too_long(name: str, max_length: int) -> InvalidFieldError:
    return InvalidFieldError(name, f"{name} must be at most {max_length} characters")


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text with a visible character, at most `max_length` long
    (checked before anything else is: the Unicode checks stay cheap).

    An optional text whose value shows nothing is stored as None.
    """

    max_length: int
    required: bool = True

    @property
    def meta(self) -> msgspec.Meta:
        """Length bounds and the single-line pattern."""
        return _text_meta(self, SINGLE_LINE_PATTERN, SINGLE_LINE_DESCRIPTION)

    def clean(self, name: str, value: str | None) -> str | None:
        """The value trimmed of invisible characters around it.

        Raises:
            InvalidFieldError: on `name`, when it is too long, not one line,
                or shows nothing and is required.
        """
        return _clean_text(self, name, value, clean_single_line)


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Text of one or more lines with a visible character, at most
    `max_length` long; line ends are stored as LF (`clean_paragraphs`)."""

    max_length: int
    required: bool = True

    @property
    def meta(self) -> msgspec.Meta:
        """Length bounds and the pattern."""
        return _text_meta(self, PARAGRAPHS_PATTERN, PARAGRAPHS_DESCRIPTION)

    def clean(self, name: str, value: str | None) -> str | None:
        """The value with LF line ends, trimmed of invisible characters and
        blank lines around it.

        Raises:
            InvalidFieldError: on `name`, when it is too long, holds a control
                character other than a tab or line break, or shows nothing and
                is required.
        """
        return _clean_text(self, name, value, clean_paragraphs)


@dataclass(frozen=True, slots=True)
class Integer:
    """A whole number from `ge` to `le`."""

    ge: int
    le: int
    required: bool = False

    @property
    def meta(self) -> msgspec.Meta:
        """The bounds."""
        return msgspec.Meta(ge=self.ge, le=self.le)

    def clean(self, name: str, value: int | None) -> int | None:
        """The value, once within its bounds.

        Raises:
            InvalidFieldError: on `name`, when it is out of bounds.
        """
        if value is not None and not self.ge <= value <= self.le:
            raise InvalidFieldError(
                name, f"{name} must be between {self.ge} and {self.le}"
            )
        return value


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar day."""

    required: bool = False

    @property
    def meta(self) -> msgspec.Meta:
        """No limit beyond the type."""
        return msgspec.Meta()

    def clean(self, name: str, value: date | None) -> date | None:
        """The value unchanged."""
        del name
        return value


@dataclass(frozen=True, slots=True)
class Isbn:
    """An ISBN-10 or ISBN-13 with hyphens or spaces, stored as its ISBN-13."""

    required: bool = True
    max_length: int = ISBN_INPUT_MAX_LENGTH

    @property
    def meta(self) -> msgspec.Meta:
        """Length bounds and the shape a client can check (not the check digit)."""
        return msgspec.Meta(
            min_length=ISBN_INPUT_MIN_LENGTH,
            max_length=self.max_length,
            pattern=ISBN_PATTERN,
            description="ISBN-10 or ISBN-13 in digits 0-9 (and X); hyphens and "
            "spaces allowed.",
            examples=["978-0-441-17271-9"],
        )

    def clean(self, name: str, value: str) -> str:
        """The 13-digit form.

        Raises:
            InvalidFieldError: on `name`, when it is not a valid ISBN.
        """
        return normalize_isbn(value, field=name)


class Fields:
    """An entity's field declarations, in form order."""

    __slots__ = ("_declarations",)

    def __init__(self, **declarations: Field) -> None:
        self._declarations = declarations

    def __getitem__(self, name: str) -> Field:
        """The declaration of field `name`."""
        return self._declarations[name]

    def items(self) -> Iterable[tuple[str, Field]]:
        """Each field's name and declaration, in order."""
        return self._declarations.items()

    def names(self) -> list[str]:
        """The field names, in order."""
        return list(self._declarations)

    def clean(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        """The values to store: each checked and normalised by its declaration.

        Raises:
            InvalidFieldError: naming the first field that breaks a rule, a
                required one sent as null, or (unless `partial`) missing.
        """
        for name, field in self._declarations.items():
            if not field.required:
                continue
            if name in values and values[name] is None:
                raise InvalidFieldError(name, f"{name} must not be null")
            if not partial and name not in values:
                raise InvalidFieldError(name, f"{name} is required")
        return {
            name: field.clean(name, values[name])
            for name, field in self._declarations.items()
            if name in values
        }


def sent_values(values: Mapping[str, Any], *, unset: object) -> dict[str, Any]:
    """The values a client sent: those that are not `unset` (a partial change)."""
    return {name: value for name, value in values.items() if value is not unset}
