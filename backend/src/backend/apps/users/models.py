"""The `user_account` table (`user` is a reserved word in Postgres)."""

from advanced_alchemy.base import IdentityAuditBase
from sqlalchemy import String, text
from sqlalchemy.orm import Mapped, mapped_column

EMAIL_MAX_LENGTH = 320
FULL_NAME_MAX_LENGTH = 255
PASSWORD_HASH_MAX_LENGTH = 255


class UserModel(IdentityAuditBase):
    """An account; `email` is stored in lower case and is unique.

    `password_hash` holds an argon2 hash and is never serialised.
    `credentials_version` grows whenever the password or `is_active` changes
    (and at admin sign-out): tokens and admin sessions carry the version they
    were issued under and stop working once it moved on.
    """

    __tablename__ = "user_account"

    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(PASSWORD_HASH_MAX_LENGTH))
    full_name: Mapped[str | None] = mapped_column(
        String(FULL_NAME_MAX_LENGTH), default=None
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    is_superuser: Mapped[bool] = mapped_column(default=False)
    credentials_version: Mapped[int] = mapped_column(
        default=0, server_default=text("0")
    )
