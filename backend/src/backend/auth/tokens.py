"""Short-lived access tokens: JWTs (HS256) signed with the app secret.

A token names its user by id (`sub`); every use loads that user again, so a
token stops working as soon as its user is deactivated or deleted.
Transport-agnostic: REST (through the middleware) and GraphQL both resolve
users through `user_from_token`.
"""

from datetime import UTC, datetime, timedelta

from litestar.exceptions import NotAuthorizedException
from litestar.security.jwt import Token

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService

ALGORITHM = "HS256"


def issue_access_token(*, user_id: int, secret: str, ttl: timedelta) -> str:
    """A signed token for `user_id` that expires after `ttl`."""
    token = Token(sub=str(user_id), exp=datetime.now(UTC) + ttl)
    return token.encode(secret=secret, algorithm=ALGORITHM)


async def active_user_for_subject(
    subject: str, *, users: UserService
) -> UserModel | None:
    """The active user a token's `sub` names, or `None`."""
    if not subject.isdecimal():
        return None
    return await users.get_active_user(user_id=int(subject))


async def user_from_token(
    token: str, *, users: UserService, secret: str
) -> UserModel | None:
    """The active user a bearer token was issued to.

    `None` when the token is malformed, forged, expired, or names a user who
    is inactive or gone.
    """
    try:
        decoded = Token.decode(token, secret=secret, algorithm=ALGORITHM)
    except NotAuthorizedException:
        return None
    return await active_user_for_subject(decoded.sub, users=users)
