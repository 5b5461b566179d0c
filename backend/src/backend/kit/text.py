"""Rules for text and digits a client sends, each in one place.

- No text input may hold a NUL character: PostgreSQL cannot store one, so a
  `\\x00` is refused up front (`NO_NUL_PATTERN`, `check_no_nul`).
- A single-line field (a title, an author, a person's name) holds no control
  character (C0, DEL, C1, and the line and paragraph separators U+2028/U+2029)
  and no bidirectional embedding, override or isolate (U+202A-U+202E,
  U+2066-U+2069), which could reorder what a reader sees. Invisible characters
  (whitespace, zero-width characters, the BOM, the soft hyphen, direction
  marks) around the value are trimmed; a value with nothing visible is empty.
  Inside a value they are kept: a joiner belongs in an emoji or a Persian word.
- Only ASCII digits are digits: `int()` and `str.isdigit()` also accept
  Arabic-Indic, fullwidth or superscript digits, so a number typed by a client
  is checked with `ASCII_INTEGER` before it is converted.

Each rule has a pattern a transport can declare in its schema (REST states it
in the OpenAPI document) and a function the domain rules call.
"""

import re

from backend.errors import InvalidFieldError

NO_NUL_PATTERN = r"^[^\x00]*$"

# Characters that show nothing (a regex class body): spaces of every width,
# zero-width characters, the word joiner, the BOM, the soft hyphen, Hangul
# fillers, invisible operators, and the direction marks (which, unlike
# overrides, cannot reorder text).
_INVISIBLE = (
    r" \u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u180e\u2000-\u200f"
    r"\u202f\u205f-\u2064\u3000\u3164\ufeff\uffa0"
)
# C0 and C1 controls, DEL, line and paragraph separators, bidi embeddings,
# overrides and isolates, and lone surrogates (not storable as UTF-8).
_FORBIDDEN_IN_LINE = (
    r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
)
SINGLE_LINE_PATTERN = (
    f"^(?=[^{_FORBIDDEN_IN_LINE}]*[^{_FORBIDDEN_IN_LINE}{_INVISIBLE}])"
    f"[^{_FORBIDDEN_IN_LINE}]*$"
)
"""One line with at least one visible character: a JSON-schema (ECMA) pattern."""

_FORBIDDEN = re.compile(f"[{_FORBIDDEN_IN_LINE}]")
_SURROUNDING_INVISIBLE = re.compile(f"^[{_INVISIBLE}]+|[{_INVISIBLE}]+$")
ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
"""An integer written with ASCII digits and an optional sign (use `fullmatch`)."""


def check_no_nul(field: str, value: str) -> str:
    """Return `value` when it holds no NUL character.

    Raises:
        InvalidFieldError: on `field` when it does.
    """
    if "\x00" in value:
        raise InvalidFieldError(field, f"{field} must not contain NUL characters")
    return value


def clean_single_line(field: str, value: str) -> str:
    """Return `value` without the invisible characters around it.

    The result may be empty: the caller decides whether `field` is required.

    Raises:
        InvalidFieldError: on `field` when `value` holds a control character
            (line breaks and tabs included) or a bidirectional override,
            embedding or isolate.
    """
    check_no_nul(field, value)
    if _FORBIDDEN.search(value):
        raise InvalidFieldError(
            field,
            f"{field} must be one line of text: no control characters, line "
            "breaks or bidirectional overrides",
        )
    return _SURROUNDING_INVISIBLE.sub("", value)
