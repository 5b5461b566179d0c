"""Field rules for users, shared by the API, CLI and admin through the service."""

import re
from typing import TypedDict

from backend.apps.users.models import EMAIL_MAX_LENGTH, FULL_NAME_MAX_LENGTH
from backend.errors import InvalidFieldError
from backend.kit.fields import Text
from backend.kit.text import check_password_text

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
LOCAL_PART_MAX_LENGTH = 64
FULL_NAME = Text(max_length=FULL_NAME_MAX_LENGTH, required=False)

# One `@`, no spaces, a dotted domain whose labels are letters, digits or hyphens:
# a syntax check, not a deliverability check (only a sent mail proves that).
_EMAIL = re.compile(
    r"^[^@\s\x00]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$"
)


class UserFields(TypedDict, total=False):
    """Values of a user as a client sends them; absent keys are left unchanged.

    `password` is the plain password: the service stores only its hash.
    """

    email: str
    password: str
    full_name: str | None
    is_active: bool
    is_superuser: bool


def canonical_email(raw: str) -> str:
    """The form an email is stored and looked up in: trimmed, lower case."""
    return raw.strip().lower()


def normalize_email(raw: str) -> str:
    """Return `raw` trimmed and in lower case, once its syntax is checked.

    Raises:
        InvalidFieldError: on the `email` field when it is too long or is not
            `local@domain.tld`.
    """
    email = canonical_email(raw)
    if len(email) > EMAIL_MAX_LENGTH:
        raise InvalidFieldError(
            "email", f"email must be at most {EMAIL_MAX_LENGTH} characters"
        )
    local_part = email.partition("@")[0]
    if not _EMAIL.match(email) or len(local_part) > LOCAL_PART_MAX_LENGTH:
        raise InvalidFieldError("email", "email must look like name@example.com")
    return email


def check_password(password: str, *, field: str = "password") -> str:
    """Return `password` unchanged once its length and text are checked.

    Raises:
        InvalidFieldError: on `field` when the password is shorter than 8 or
            longer than 128 characters, holds a control character or has no
            visible character (`text.check_password_text`).
    """
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        raise InvalidFieldError(
            field,
            f"{field} must have {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} "
            "characters",
        )
    return check_password_text(field, password)


def clean_user_fields(fields: UserFields, *, partial: bool) -> UserFields:
    """Check and normalise user fields (email to lower case, name trimmed).

    Raises:
        InvalidFieldError: naming the first field that breaks a rule, or
            `email` / `password` when missing and `partial` is false.
    """
    if not partial:
        for name in ("email", "password"):
            if name not in fields:
                raise InvalidFieldError(name, f"{name} is required")
    cleaned = UserFields()
    if "email" in fields:
        cleaned["email"] = normalize_email(fields["email"])
    if "password" in fields:
        cleaned["password"] = check_password(fields["password"])
    if "full_name" in fields:
        cleaned["full_name"] = FULL_NAME.clean("full_name", fields["full_name"])
    for flag in ("is_active", "is_superuser"):
        if flag in fields:
            cleaned[flag] = bool(fields[flag])
    return cleaned
