"""Admin sign-in: only active superusers get in; everyone else meets the login page."""

import base64
import json

import httpx
import pytest
from itsdangerous import TimestampSigner
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from tests.helpers.admin_forms import csrf_token, sign_in, submit
from tests.helpers.http import http_client
from tests.users.factories import TEST_PASSWORD, add_user


def redirects_to_login(response: httpx.Response) -> bool:
    return response.status_code == 303 and response.headers["location"].startswith(
        "http://testserver/admin/login?next="
    )


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/book/list",
        "/admin/book/create",
        "/admin/book/edit?pk=1",
        "/admin/book/detail?pk=1",
        "/admin/user/list",
        "/admin/user/create",
    ],
)
async def test_anonymous_visitor_is_sent_to_the_login_page(
    anonymous_client: httpx.AsyncClient, path: str
) -> None:
    response = await anonymous_client.get(path)
    assert redirects_to_login(response), (response.status_code, response.headers)


async def test_anonymous_form_post_is_sent_to_the_login_page_and_writes_nothing(
    anonymous_client: httpx.AsyncClient,
) -> None:
    login_page = await anonymous_client.get("/admin/login")
    token = csrf_token(login_page)
    create = await anonymous_client.post(
        "/admin/book/create",
        data={"title": "T", "author": "A", "isbn": "0441172717", "csrftoken": token},
    )
    delete = await anonymous_client.post(
        "/admin/_api/book/action",
        params={"name": "delete", "pks": ["1"]},
        headers={"X-CSRFToken": token},
    )
    assert redirects_to_login(create)
    assert redirects_to_login(delete)
    assert (await anonymous_client.get("/api/books")).json()["items"] == []


async def test_superuser_signs_in_with_a_hardened_session_cookie(
    anonymous_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    response = await sign_in(anonymous_client, superuser.email.upper(), TEST_PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "http://testserver/admin/"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("admin_session=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "path=/admin" in cookie
    home = await anonymous_client.get("/admin/")
    assert home.status_code == 200
    assert superuser.email in home.text


@pytest.mark.parametrize(
    ("is_active", "is_superuser", "password"),
    [
        (True, False, TEST_PASSWORD),
        (False, True, TEST_PASSWORD),
        (True, True, "wrong password"),
    ],
    ids=["not a superuser", "inactive superuser", "wrong password"],
)
async def test_sign_in_is_refused(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    password_hash: str,
    *,
    is_active: bool,
    is_superuser: bool,
    password: str,
) -> None:
    user = await add_user(
        db_session,
        email="someone@example.com",
        password_hash=password_hash,
        is_active=is_active,
        is_superuser=is_superuser,
    )
    response = await sign_in(anonymous_client, user.email, password)
    assert response.status_code == 400
    assert "not an administrator" in response.text
    assert "admin_session=" not in response.headers.get("set-cookie", "")
    assert redirects_to_login(await anonymous_client.get("/admin/"))


async def test_session_ends_when_the_superuser_is_demoted(
    admin_client: httpx.AsyncClient, db_session: AsyncSession, superuser: UserModel
) -> None:
    assert (await admin_client.get("/admin/book/list")).status_code == 200
    superuser.is_superuser = False
    await db_session.flush()
    assert redirects_to_login(await admin_client.get("/admin/book/list"))


async def test_sign_out_ends_the_session(admin_client: httpx.AsyncClient) -> None:
    home = await admin_client.get("/admin/")
    response = await admin_client.post(
        "/admin/logout", data={"csrftoken": csrf_token(home)}
    )
    assert response.status_code == 303
    assert redirects_to_login(await admin_client.get("/admin/"))


async def test_session_cookie_signed_with_another_secret_is_ignored(
    anonymous_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    claims = base64.b64encode(json.dumps({"user_id": superuser.id}).encode())
    forged = TimestampSigner("not the admin session secret").sign(claims)
    anonymous_client.cookies.set("admin_session", forged.decode(), path="/admin")
    assert redirects_to_login(await anonymous_client.get("/admin/"))


async def test_session_cookie_is_secure_in_production(
    superuser: UserModel, production_app: Litestar
) -> None:
    async with http_client(production_app) as http:
        http.base_url = httpx.URL("https://testserver")
        response = await submit(
            http,
            "/admin/login",
            {"username": superuser.email, "password": TEST_PASSWORD},
        )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("admin_session=")
    assert "; secure" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


async def test_sign_in_with_a_nul_in_the_email_is_refused_not_a_500(
    anonymous_client: httpx.AsyncClient, superuser: UserModel
) -> None:
    response = await sign_in(anonymous_client, superuser.email + "\x00", "x" * 12)
    assert response.status_code == 400
    assert "not an administrator" in response.text
