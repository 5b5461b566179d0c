"""The ISBN rule, in one place: accept ISBN-10 or ISBN-13, store ISBN-13.

`kit.fields.Isbn` declares a field holding one; errors name that field.

Only ASCII digits count: `str.isdigit()` would also take Arabic-Indic or
fullwidth digits, and store a twin of a book under another spelling.
"""

import re

from backend.errors import InvalidFieldError

_SEPARATORS = str.maketrans("", "", " -")
ISBN10_LENGTH = 10
ISBN13_LENGTH = 13
# 13 digits and a separator between each: any longer input is not an ISBN.
ISBN_INPUT_MAX_LENGTH = 2 * ISBN13_LENGTH - 1
ISBN_INPUT_MIN_LENGTH = ISBN10_LENGTH
# 10 characters (the last may be X) or 13 digits from 978/979, hyphens and
# spaces anywhere: what a client can check; the check digit is the server's.
ISBN_PATTERN = (
    r"^[ -]*(?:(?:[0-9][ -]*){9}[0-9Xx]"
    r"|9[ -]*7[ -]*[89][ -]*(?:[0-9][ -]*){9}[0-9])[ -]*$"
)
_ISBN10 = re.compile(r"[0-9]{9}[0-9Xx]")
_ISBN13 = re.compile(r"[0-9]{13}")


def _isbn13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_is_valid(compact: str) -> bool:
    digits = [int(d) for d in compact[:9]] + [
        10 if compact[9] in "Xx" else int(compact[9])
    ]
    return sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0


def normalize_isbn(raw: str, *, field: str) -> str:
    """Return the 13-digit form of an ISBN-10 or ISBN-13 (hyphens and spaces allowed).

    Raises:
        InvalidFieldError: on `field` when the length, characters or
            check digit are wrong.
    """
    if len(raw) > ISBN_INPUT_MAX_LENGTH:
        raise InvalidFieldError(
            field, f"{field} must be at most {ISBN_INPUT_MAX_LENGTH} characters"
        )
    compact = raw.translate(_SEPARATORS)
    if len(compact) == ISBN10_LENGTH and not _ISBN10.fullmatch(compact):
        raise InvalidFieldError(
            field,
            f"{field} is not a valid ISBN-10 (digits 0-9, X only as the check digit)",
        )
    if len(compact) == ISBN10_LENGTH:
        if not _isbn10_is_valid(compact):
            raise InvalidFieldError(
                field, f"{field} is not a valid ISBN-10 (check digit)"
            )
        first12 = "978" + compact[:9]
        return first12 + _isbn13_check_digit(first12)
    if _ISBN13.fullmatch(compact):
        if compact[:3] not in {"978", "979"}:
            raise InvalidFieldError(
                field, f"{field}: an ISBN-13 starts with 978 or 979"
            )
        if _isbn13_check_digit(compact[:12]) != compact[12]:
            raise InvalidFieldError(
                field, f"{field} is not a valid ISBN-13 (check digit)"
            )
        return compact
    raise InvalidFieldError(
        field, f"{field} must have 10 or 13 digits 0-9 (hyphens and spaces allowed)"
    )
