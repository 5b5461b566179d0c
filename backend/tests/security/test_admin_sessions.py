"""Admin sessions end with sign-out and credential changes; CSRF tokens belong to
one session; sign-in logs name no account and no password.
"""

import logging

import httpx
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserFields, UserService
from backend.settings import Settings
from tests.helpers.admin_forms import SUPERUSER_EMAIL, csrf_token, sign_in
from tests.helpers.http import http_client
from tests.users.factories import TEST_PASSWORD, bearer

SESSION_COOKIE = "admin_session"
CSRF_COOKIE = "starlette_admin_csrftoken"
# The admin tests' fixtures, used here by name.


def redirects_to_login(response: httpx.Response) -> bool:
    return response.status_code == 303 and "/admin/login" in response.headers.get(
        "location", ""
    )


async def replayed(app: Litestar, cookie: str) -> httpx.Response:
    """A request to the admin's home page carrying a copied session cookie."""
    async with http_client(app) as http:
        http.cookies.set(SESSION_COOKIE, cookie, path="/admin")
        return await http.get("/admin/")


async def test_a_session_cookie_is_dead_after_sign_out(
    app: Litestar,
    admin_client: httpx.AsyncClient,
    superuser: UserModel,
    settings: Settings,
) -> None:
    token = bearer(superuser.id, settings.secret_key)
    copied = admin_client.cookies[SESSION_COOKIE]
    assert (await replayed(app, copied)).status_code == 200
    home = await admin_client.get("/admin/")
    signed_out = await admin_client.post(
        "/admin/logout", data={"csrftoken": csrf_token(home)}
    )
    assert signed_out.status_code == 303
    assert redirects_to_login(await replayed(app, copied))
    # Signing out ends the user's API tokens too.
    async with http_client(app, token) as http:
        assert (await http.get("/api/auth/me")).status_code == 401


@pytest.mark.parametrize(
    "changes",
    [
        [{"password": "a brand new passphrase"}],
        [{"is_active": False}, {"is_active": True}],
    ],
    ids=["password changed", "deactivated then reactivated"],
)
async def test_a_session_cookie_is_dead_after_a_credentials_change(
    app: Litestar,
    admin_client: httpx.AsyncClient,
    db_session: AsyncSession,
    superuser: UserModel,
    changes: list[UserFields],
) -> None:
    copied = admin_client.cookies[SESSION_COOKIE]
    users = UserService(session=db_session)
    for fields in changes:
        await users.update_user(superuser.id, fields=fields)
    assert redirects_to_login(await admin_client.get("/admin/"))
    assert redirects_to_login(await replayed(app, copied))


async def test_a_password_change_through_the_api_ends_the_admin_session(
    app: Litestar,
    admin_client: httpx.AsyncClient,
    superuser: UserModel,
    settings: Settings,
) -> None:
    async with http_client(app, bearer(superuser.id, settings.secret_key)) as http:
        response = await http.post(
            "/api/auth/password",
            json={"current_password": TEST_PASSWORD, "new_password": "n" * 12},
        )
    assert response.status_code == 200
    assert redirects_to_login(await admin_client.get("/admin/"))


async def test_a_csrf_token_from_another_session_is_refused(
    app: Litestar, admin_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    async with http_client(app) as attacker:
        page = await attacker.get("/admin/login")
        token, cookie = csrf_token(page), attacker.cookies[CSRF_COOKIE]
    # The victim's session, with the attacker's token and (planted) CSRF cookie.
    admin_client.cookies.set(CSRF_COOKIE, cookie)
    for attempt in (
        admin_client.post(
            "/admin/user/edit",
            params={"pk": str(superuser.id)},
            data={"email": "attacker@example.com", "csrftoken": token},
        ),
        admin_client.post(
            "/admin/_api/user/action",
            params={"name": "delete", "pks": [str(superuser.id)]},
            headers={"X-CSRFToken": token},
        ),
        admin_client.post("/admin/logout", data={"csrftoken": token}),
    ):
        assert (await attempt).status_code == 403
    home = await admin_client.get("/admin/")
    assert home.status_code == 200
    assert SUPERUSER_EMAIL in home.text


async def test_the_csrf_token_changes_when_the_session_signs_in(
    anonymous_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    before = csrf_token(await anonymous_client.get("/admin/login"))
    assert (
        await sign_in(anonymous_client, superuser.email, TEST_PASSWORD)
    ).status_code == 303
    after = csrf_token(await anonymous_client.get("/admin/"))
    assert before != after
    refused = await anonymous_client.post("/admin/logout", data={"csrftoken": before})
    assert refused.status_code == 403


async def test_sign_in_logs_carry_no_account_name_or_password(
    anonymous_client: httpx.AsyncClient,
    superuser: UserModel,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = "a wrong secret passphrase"
    with caplog.at_level(logging.DEBUG):
        refused = await sign_in(anonymous_client, superuser.email, wrong)
        unknown = await sign_in(anonymous_client, "nobody.here@example.com", wrong)
        accepted = await sign_in(anonymous_client, superuser.email, TEST_PASSWORD)
        home = await anonymous_client.get("/admin/")
        await anonymous_client.post(
            "/admin/logout", data={"csrftoken": csrf_token(home)}
        )
    assert [refused.status_code, unknown.status_code, accepted.status_code] == [
        400,
        400,
        303,
    ]
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert "login attempt" in logged
    for secret in (superuser.email, "nobody.here", wrong, TEST_PASSWORD, "example.com"):
        assert secret not in logged, secret
