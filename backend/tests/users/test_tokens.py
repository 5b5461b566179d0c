"""`user_for_token`: how a decoded bearer token becomes a user, for every transport.

Undecodable, forged and expired tokens never get here: the middleware refuses
them (tests/users/rest/test_auth_api.py, tests/books/graphql/test_graphql_auth.py).
"""

from datetime import UTC, datetime, timedelta

from litestar.security.jwt import Token
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.http.tokens import ALGORITHM, VERSION_CLAIM, user_for_token
from tests.helpers.settings import TEST_SECRET_KEY
from tests.users.factories import bearer


def decoded_token_for(user_id: int) -> Token:
    encoded = bearer(user_id, TEST_SECRET_KEY)["Authorization"].removeprefix("Bearer ")
    return Token.decode(encoded, secret=TEST_SECRET_KEY, algorithm=ALGORITHM)


def token_of(sub: str, version: object) -> Token:
    expires = datetime.now(UTC) + timedelta(minutes=5)
    return Token(sub=sub, exp=expires, extras={VERSION_CLAIM: version})


async def test_valid_token_gives_its_active_user(
    db_session: AsyncSession, user: UserModel
) -> None:
    users = UserService(session=db_session)
    found = await user_for_token(decoded_token_for(user.id), users=users)
    assert found is not None
    assert found.id == user.id


async def test_tokens_of_no_active_user_give_none(
    db_session: AsyncSession, user: UserModel
) -> None:
    users = UserService(session=db_session)
    for token in (
        decoded_token_for(user.id + 999),
        token_of(str(user.id), 1),
        token_of(str(user.id), "0"),
        token_of("\u0661", 0),
        token_of("9" * 19, 0),
    ):
        assert await user_for_token(token, users=users) is None
    user.is_active = False
    await db_session.flush()
    assert await user_for_token(decoded_token_for(user.id), users=users) is None
