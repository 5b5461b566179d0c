"""Short-lived access tokens: JWTs (HS256) signed with the app secret.

A token names its user by id (`sub`) and carries the user's credentials
version (`ver`); every use loads that user again, so a token stops working as
soon as its user is deactivated, deleted, reactivated or changes password.
The authentication middleware (`http.bearer`) decodes the token and resolves
its user through `user_for_token`, for REST and GraphQL alike.
"""

from datetime import UTC, datetime, timedelta

from litestar.security.jwt import Token

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.kit.text import database_id

ALGORITHM = "HS256"
VERSION_CLAIM = "ver"


def issue_access_token(
    *, user_id: int, credentials_version: int, secret: str, ttl: timedelta
) -> str:
    """A signed token for `user_id` at `credentials_version`, expiring after `ttl`."""
    token = Token(
        sub=str(user_id),
        exp=datetime.now(UTC) + ttl,
        extras={VERSION_CLAIM: credentials_version},
    )
    return token.encode(secret=secret, algorithm=ALGORITHM)


async def user_for_token(token: Token, *, users: UserService) -> UserModel | None:
    """The active user a decoded token names, or `None`.

    `None` too when `sub` is not an id in ASCII digits, or when the token's
    credentials version is not the user's current one.
    """
    version = token.extras.get(VERSION_CLAIM)
    # `kit.text.database_id`: ASCII digits only (`str.isdecimal` also takes
    # Arabic-Indic and fullwidth digits), within BIGINT.
    user_id = database_id(token.sub)
    if user_id is None or type(version) is not int:
        return None
    return await users.get_active_user(user_id=user_id, credentials_version=version)
