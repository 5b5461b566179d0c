"""Password checks through `UserService.authenticate`: argon2id, upgraded on sign-in."""

from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.passwords import needs_rehash, verify_password
from backend.apps.users.services import UserService
from tests.users.factories import TEST_PASSWORD, add_user


async def test_outdated_hash_is_replaced_on_sign_in(db_session: AsyncSession) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    outdated = weak.hash(TEST_PASSWORD)
    user = await add_user(db_session, password_hash=outdated)
    users = UserService(session=db_session)
    signed_in = await users.authenticate(email=user.email, password=TEST_PASSWORD)
    assert signed_in is not None
    assert signed_in.password_hash != outdated
    assert not needs_rehash(signed_in.password_hash)
    assert await verify_password(signed_in.password_hash, TEST_PASSWORD)


async def test_a_malformed_stored_hash_never_matches(db_session: AsyncSession) -> None:
    user = await add_user(db_session, password_hash="not-an-argon2-hash")
    users = UserService(session=db_session)
    assert await users.authenticate(email=user.email, password="anything") is None


async def test_an_email_with_a_nul_character_matches_nobody(
    db_session: AsyncSession,
) -> None:
    user = await add_user(db_session, password_hash="not-an-argon2-hash")
    users = UserService(session=db_session)
    assert await users.authenticate(email=user.email + "\x00", password="x") is None
