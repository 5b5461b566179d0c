"""User use cases: accounts, password checks and who may act; no transport types."""

from advanced_alchemy.exceptions import ErrorMessages
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService

from backend.apps.users.models import UserModel
from backend.apps.users.passwords import hash_password, needs_rehash, verify_password
from backend.apps.users.validation import (
    UserFields,
    canonical_email,
    clean_user_fields,
)

__all__ = ("UserFields", "UserService")


class UserService(SQLAlchemyAsyncRepositoryService[UserModel]):
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

        Raises:
            InvalidFieldError: a field breaks a rule.
            NotFoundError: no user has this id.
            DuplicateKeyError: another user has the new email.
        """
        cleaned = clean_user_fields(fields, partial=True)
        user = await self.get(user_id)
        if "password" in cleaned:
            user.password_hash = await hash_password(cleaned.pop("password"))
        for name, value in cleaned.items():
            setattr(user, name, value)
        return await self.update(user, auto_commit=auto_commit)

    async def delete_user(self, user_id: int, *, auto_commit: bool = False) -> None:
        """Remove a user; tokens issued to them stop working at once.

        Raises:
            NotFoundError: no user has this id.
        """
        await self.delete(user_id, auto_commit=auto_commit)

    async def authenticate(self, *, email: str, password: str) -> UserModel | None:
        """The active user with this email and password, or `None`.

        Unknown email, wrong password and inactive account all give `None`,
        after the same amount of work. A hash made with outdated parameters is
        replaced by a fresh one.
        """
        key = canonical_email(email)
        # PostgreSQL cannot compare a NUL character: such an email is nobody's,
        # and it still pays the dummy verification below.
        user = (
            None
            if "\x00" in key
            else await self.get_one_or_none(UserModel.email == key)
        )
        matches = await verify_password(
            user.password_hash if user is not None else None, password
        )
        if user is None or not matches or not user.is_active:
            return None
        if needs_rehash(user.password_hash):
            user.password_hash = await hash_password(password)
            user = await self.update(user)
        return user

    async def get_active_user(self, *, user_id: int) -> UserModel | None:
        """The user with this id if the account exists and is active."""
        user = await self.get_one_or_none(UserModel.id == user_id)
        if user is None or not user.is_active:
            return None
        return user
