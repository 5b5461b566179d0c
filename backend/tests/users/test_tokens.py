"""`user_from_token`: the one way a bearer token becomes a user, for every transport."""

from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserService
from backend.http.tokens import user_from_token
from tests.conftest import TEST_SECRET_KEY
from tests.users.factories import bearer, raw_token


def token_for(user_id: int) -> str:
    return bearer(user_id, TEST_SECRET_KEY)["Authorization"].removeprefix("Bearer ")


async def test_valid_token_gives_its_active_user(
    db_session: AsyncSession, user: UserModel
) -> None:
    users = UserService(session=db_session)
    found = await user_from_token(
        token_for(user.id), users=users, secret=TEST_SECRET_KEY
    )
    assert found is not None
    assert found.id == user.id


async def test_bad_tokens_and_inactive_users_give_none(
    db_session: AsyncSession, user: UserModel
) -> None:
    users = UserService(session=db_session)
    expired = raw_token({"sub": str(user.id), "exp": -1, "iat": -900}, TEST_SECRET_KEY)
    for token in (expired, token_for(user.id)[:-2], "x", token_for(user.id + 999)):
        assert await user_from_token(token, users=users, secret=TEST_SECRET_KEY) is None
    user.is_active = False
    await db_session.flush()
    assert (
        await user_from_token(token_for(user.id), users=users, secret=TEST_SECRET_KEY)
        is None
    )
