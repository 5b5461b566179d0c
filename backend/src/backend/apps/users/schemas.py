"""REST bodies for sign-in and the current user (msgspec); never a password hash."""

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from backend.apps.users.models import EMAIL_MAX_LENGTH
from backend.apps.users.validation import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from backend.kit.text import NO_NUL_PATTERN, PASSWORD_PATTERN


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Credentials exchanged for an access token."""

    email: Annotated[
        str, msgspec.Meta(max_length=EMAIL_MAX_LENGTH, pattern=NO_NUL_PATTERN)
    ]
    password: Annotated[str, msgspec.Meta(max_length=PASSWORD_MAX_LENGTH)]


class PasswordChangeRequest(msgspec.Struct, forbid_unknown_fields=True):
    """The signed-in user's current password and the one to replace it."""

    current_password: Annotated[str, msgspec.Meta(max_length=PASSWORD_MAX_LENGTH)]
    new_password: Annotated[
        str,
        msgspec.Meta(
            min_length=PASSWORD_MIN_LENGTH,
            max_length=PASSWORD_MAX_LENGTH,
            pattern=PASSWORD_PATTERN,
            description="8 to 128 characters, no control character, at least "
            "one visible character (letter, digit, punctuation or symbol).",
        ),
    ]


class AccessTokenRead(msgspec.Struct):
    """A bearer token and its lifetime in seconds."""

    access_token: str
    expires_in: int
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  (a scheme, not a secret)


class UserRead(msgspec.Struct):
    """A user as the API shows it (never the password hash)."""

    id: int
    email: str
    full_name: str | None
    is_active: bool
    is_superuser: bool
    created_at: datetime
    updated_at: datetime
