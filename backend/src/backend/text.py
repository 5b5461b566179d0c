"""A rule every text input shares: PostgreSQL cannot store a NUL character.

A `\\x00` in a value that reaches a query makes the driver fail, so inputs
are refused with it up front: by their schema (`NO_NUL_PATTERN`) where a
transport declares one, and by `check_no_nul` in the domain rules.
"""

from backend.errors import InvalidFieldError

NO_NUL_PATTERN = r"^[^\x00]*$"


def check_no_nul(field: str, value: str) -> str:
    """Return `value` when it holds no NUL character.

    Raises:
        InvalidFieldError: on `field` when it does.
    """
    if "\x00" in value:
        raise InvalidFieldError(field, f"{field} must not contain NUL characters")
    return value
