"""Test users: stored in the test's transaction with a precomputed hash."""

from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.http.tokens import ALGORITHM, issue_access_token

TEST_PASSWORD = "correct horse battery staple"
TOKEN_TTL = timedelta(minutes=5)


async def add_user(
    session: AsyncSession,
    *,
    password_hash: str,
    email: str = "reader@example.com",
    is_active: bool = True,
    is_superuser: bool = False,
) -> UserModel:
    """Insert a user whose password is `TEST_PASSWORD`, given its (shared) hash."""
    user = UserModel(
        email=email,
        password_hash=password_hash,
        is_active=is_active,
        is_superuser=is_superuser,
    )
    session.add(user)
    await session.flush()
    return user


def bearer(user_id: int, secret: str, version: int = 0) -> dict[str, str]:
    """An `Authorization` header with a valid token for `user_id` at `version`."""
    token = issue_access_token(
        user_id=user_id, credentials_version=version, secret=secret, ttl=TOKEN_TTL
    )
    return {"Authorization": f"Bearer {token}"}


def raw_token(claims: dict[str, object], secret: str) -> str:
    """A JWT with these claims; `exp` and `iat` are offsets in seconds from now.

    `iat` defaults to now, as in the tokens the app issues.
    """
    now = datetime.now(UTC)
    payload = {
        name: now + timedelta(seconds=value)
        if name in {"exp", "iat"} and isinstance(value, int)
        else value
        for name, value in {"iat": 0, **claims}.items()
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)
