"""User use cases: accounts, password checks and who may act; no transport types."""

from advanced_alchemy.exceptions import ErrorMessages
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from sqlalchemy import ColumnElement, false

from backend.apps.users.models import EMAIL_MAX_LENGTH, UserModel
from backend.apps.users.passwords import hash_password, needs_rehash, verify_password
from backend.apps.users.validation import (
    UserFields,
    canonical_email,
    check_password,
    clean_user_fields,
)
from backend.errors import InvalidFieldError
from backend.kit.row_writes import lock_row
from backend.kit.services import EntityService

__all__ = ("UserFields", "UserService", "canonical_email", "search_clause")

WRONG_CURRENT_PASSWORD = "current_password is not the account's password"  # noqa: S105  (a message)
CHANGED_MEANWHILE = (
    f"{WRONG_CURRENT_PASSWORD} any more: its credentials changed meanwhile"
)


def search_clause(q: str) -> ColumnElement[bool]:
    """The user whose email is `q` (any case, surrounding spaces ignored).

    What the admin's search box finds: an equality the unique index on
    `email` serves (a substring or prefix search would read every row; a
    B-tree in a non-C collation serves no `LIKE 'x%'`). Text longer than an
    email can be finds no user.
    """
    email = canonical_email(q)
    if len(email) > EMAIL_MAX_LENGTH:
        return false()
    return UserModel.email == email


class UserService(EntityService[UserModel]):
    """Create, change and remove users; check passwords; find who may act."""

    class Repo(SQLAlchemyAsyncRepository[UserModel]):
        """User persistence with client-safe error messages."""

        model_type = UserModel
        error_messages = ErrorMessages(
            duplicate_key="A user with this email already exists.",
            not_found="User not found.",
        )

    repository_type = Repo

    async def create_user(
        self, *, fields: UserFields, auto_commit: bool = False
    ) -> UserModel:
        """Store a new user with the hash of the given password.

        Raises:
            InvalidFieldError: a field breaks a rule or email/password is missing.
            DuplicateKeyError: a user with the same (lower-case) email exists.
        """
        cleaned = clean_user_fields(fields, partial=False)
        password_hash = await hash_password(cleaned.pop("password"))
        user = UserModel(**cleaned, password_hash=password_hash)
        return await self.create(user, auto_commit=auto_commit)

    async def update_user(
        self, user_id: int, *, fields: UserFields, auto_commit: bool = False
    ) -> UserModel:
        """Change the given fields; a `password` replaces the stored hash.

        A new password or a change of `is_active` ends every token and admin
        session issued before (the credentials version moves on, under the
        row's lock, so racing changes each move it).

        Raises:
            InvalidFieldError: a field breaks a rule.
            NotFoundError: no user has this id.
            DuplicateKeyError: another user has the new email.
        """
        cleaned = clean_user_fields(fields, partial=True)
        # Hash before the lookup: no pooled connection waits on argon2.
        password = cleaned.pop("password", None)
        password_hash = None if password is None else await hash_password(password)
        user = await lock_row(self.repository, user_id)
        if password_hash is not None:
            user.password_hash = password_hash
            _end_credentials(user)
        if cleaned.get("is_active", user.is_active) != user.is_active:
            _end_credentials(user)
        for name, value in cleaned.items():
            setattr(user, name, value)
        return await self.update(user, auto_commit=auto_commit)

    async def change_password(
        self, *, user: UserModel, current_password: str, new_password: str
    ) -> UserModel:
        """Replace `user`'s password after checking the current one.

        `user` is the account as loaded when the request was authenticated.
        Every token and admin session issued before ends; the returned user
        carries the new credentials version. Of concurrent changes exactly one
        wins: the row is locked, and a change finding the credentials version
        moved on since `user` was loaded is refused. Argon2 runs before the
        lock, so no locked row or pooled connection waits on it.

        Raises:
            InvalidFieldError: on `new_password` when it breaks the password
                rule, on `current_password` when it is not the user's password
                or the credentials changed meanwhile (a concurrent change won).
            NotFoundError: the user is gone.
        """
        check_password(new_password, field="new_password")
        if not await verify_password(user.password_hash, current_password):
            raise InvalidFieldError("current_password", WRONG_CURRENT_PASSWORD)
        password_hash = await hash_password(new_password)
        checked_version = user.credentials_version
        stored = await lock_row(self.repository, user.id)
        if stored.credentials_version != checked_version:
            raise InvalidFieldError("current_password", CHANGED_MEANWHILE)
        stored.password_hash = password_hash
        _end_credentials(stored)
        return await self.update(stored)

    async def end_credentials(self, *, user_id: int) -> None:
        """End every token and admin session the user holds (e.g. at sign-out).

        Raises:
            NotFoundError: no user has this id.
        """
        user = await lock_row(self.repository, user_id)
        _end_credentials(user)
        await self.update(user)

    async def delete_user(self, user_id: int, *, auto_commit: bool = False) -> None:
        """Remove a user; tokens issued to them stop working at once.

        Raises:
            NotFoundError: no user has this id.
        """
        await self.delete_by_id(user_id, auto_commit=auto_commit)

    async def authenticate(self, *, email: str, password: str) -> UserModel | None:
        """The active user with this email and password, or `None`.

        Unknown email, wrong password and inactive account all give `None`,
        after the same amount of work. A hash made with outdated parameters is
        replaced by a fresh one. The session's transaction is committed before
        the password is checked: call it with nothing pending.
        """
        key = canonical_email(email)
        # PostgreSQL cannot compare a NUL character: such an email is nobody's,
        # and it still pays the dummy verification below.
        user = (
            None
            if "\x00" in key
            else await self.get_one_or_none(UserModel.email == key)
        )
        # Argon2 takes ~0.2 s: end the (read-only) transaction first, so the
        # pooled connection goes back to the pool instead of waiting on it.
        await self.repository.session.commit()
        matches = await verify_password(
            user.password_hash if user is not None else None, password
        )
        if user is None or not matches or not user.is_active:
            return None
        if needs_rehash(user.password_hash):
            return await self._rehash(user, await hash_password(password))
        return user

    async def _rehash(self, user: UserModel, password_hash: str) -> UserModel | None:
        # Under the lock, and only if the password is still the one checked:
        # writing the loaded user back would undo a concurrent change.
        checked_version = user.credentials_version
        stored = await lock_row(self.repository, user.id)
        if stored.credentials_version != checked_version:
            return None
        stored.password_hash = password_hash
        return await self.update(stored)

    async def get_active_user(
        self, *, user_id: int, credentials_version: int
    ) -> UserModel | None:
        """The user with this id, if active and still at `credentials_version`."""
        user = await self.get_one_or_none(UserModel.id == user_id)
        if (
            user is None
            or not user.is_active
            or user.credentials_version != credentials_version
        ):
            return None
        return user


def _end_credentials(user: UserModel) -> None:
    user.credentials_version += 1
