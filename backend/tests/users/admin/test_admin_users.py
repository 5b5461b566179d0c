"""Users through the admin: a plain password goes in, only its argon2 hash is kept."""

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.apps.users.passwords import verify_password
from tests.helpers.admin_forms import run_action, submit
from tests.users.factories import add_user

NEW_USER = {
    "email": "  New.Person@Example.COM ",
    "full_name": "New Person",
    "password": "a fresh password",
    "is_active": "on",
}


async def stored_user(session: AsyncSession, email: str) -> UserModel | None:
    session.expire_all()
    return await session.scalar(select(UserModel).where(UserModel.email == email))


async def test_create_stores_a_hash_of_the_password(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    response = await submit(admin_client, "/admin/user/create", NEW_USER)
    assert response.status_code == 303, response.text
    user = await stored_user(db_session, "new.person@example.com")
    assert user is not None
    assert user.password_hash.startswith("$argon2id$")
    assert NEW_USER["password"] not in user.password_hash
    assert await verify_password(user.password_hash, NEW_USER["password"])
    assert (user.is_active, user.is_superuser) == (True, False)


async def test_password_hash_is_never_shown(
    admin_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    pages = [
        f"/admin/user/{page}" for page in ("list", "create", "edit?pk=", "detail?pk=")
    ]
    for page in pages:
        path = page + str(superuser.id) if page.endswith("=") else page
        response = await admin_client.get(path)
        assert response.status_code == 200, path
        assert "$argon2" not in response.text, path
        assert "password_hash" not in response.text, path


async def test_edit_with_an_empty_password_keeps_the_old_one(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    user = await add_user(db_session, password_hash=password_hash)
    response = await submit(
        admin_client,
        f"/admin/user/edit?pk={user.id}",
        {"email": user.email, "full_name": "Renamed", "password": ""},
    )
    assert response.status_code == 303, response.text
    stored = await stored_user(db_session, user.email)
    assert stored is not None
    assert stored.password_hash == password_hash
    assert stored.full_name == "Renamed"
    assert stored.is_active is False  # an unticked box


async def test_edit_with_a_password_replaces_the_hash(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    user = await add_user(db_session, password_hash=password_hash)
    response = await submit(
        admin_client,
        f"/admin/user/edit?pk={user.id}",
        {"email": user.email, "password": "another password", "is_active": "on"},
    )
    assert response.status_code == 303, response.text
    stored = await stored_user(db_session, user.email)
    assert stored is not None
    assert await verify_password(stored.password_hash, "another password")


async def test_duplicate_email_is_a_form_error(
    admin_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    response = await submit(
        admin_client,
        "/admin/user/create",
        {**NEW_USER, "email": superuser.email.upper()},
    )
    assert response.status_code == 422
    assert "A user with this email already exists." in response.text


async def test_short_password_and_bad_email_are_form_errors(
    admin_client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    short = await submit(
        admin_client, "/admin/user/create", {**NEW_USER, "password": "short"}
    )
    bad_email = await submit(
        admin_client, "/admin/user/create", {**NEW_USER, "email": "no-at-sign"}
    )
    assert short.status_code == bad_email.status_code == 422
    assert "password must have 8 to 128 characters" in short.text
    assert "email must look like name@example.com" in bad_email.text
    assert await stored_user(db_session, "new.person@example.com") is None


async def test_delete_removes_the_user(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    user = await add_user(db_session, password_hash=password_hash)
    response = await run_action(admin_client, "user", "delete", [user.id])
    assert response.status_code == 200, response.text
    assert await stored_user(db_session, user.email) is None
