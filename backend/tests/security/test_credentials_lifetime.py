"""Tokens end with the credentials they were issued under.

A password change (through the API or an edit), a deactivation and a
reactivation end every token issued before; `POST /api/auth/password` checks
its input; a token's subject counts only in ASCII digits; of concurrent
password changes exactly one wins (served: real connections race for the row).
"""

import asyncio
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.models import UserModel
from backend.apps.users.services import UserFields, UserService
from backend.settings import Settings
from tests.helpers.http import http_client
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import serve, server_env
from tests.users.factories import TEST_PASSWORD, bearer, raw_token

NEW_PASSWORD = "a brand new passphrase"
PASSWORD_PATH = "/api/auth/password"
# Arabic-Indic, extended Arabic-Indic, Devanagari and fullwidth digit zero.
UNICODE_ZEROS = (0x0660, 0x06F0, 0x0966, 0xFF10)


async def login_headers(app: Litestar, user: UserModel) -> dict[str, str]:
    """The `Authorization` header of a token the login endpoint issues."""
    async with http_client(app) as http:
        response = await http.post(
            "/api/auth/login", json={"email": user.email, "password": TEST_PASSWORD}
        )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def me(app: Litestar, headers: dict[str, str]) -> int:
    async with http_client(app, headers) as http:
        return (await http.get("/api/auth/me")).status_code


async def test_a_password_change_ends_older_tokens_and_issues_a_working_one(
    app: Litestar, user: UserModel, settings: Settings
) -> None:
    old = bearer(user.id, settings.secret_key)
    async with http_client(app, await login_headers(app, user)) as http:
        response = await http.post(
            PASSWORD_PATH,
            json={"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD},
        )
        assert response.status_code == 200, response.text
        assert (await http.get("/api/auth/me")).status_code == 401
    fresh = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert await me(app, old) == 401
    assert await me(app, fresh) == 200
    async with http_client(app) as http:
        for password, status in ((TEST_PASSWORD, 401), (NEW_PASSWORD, 200)):
            login = {"email": user.email, "password": password}
            assert (
                await http.post("/api/auth/login", json=login)
            ).status_code == status


@pytest.mark.parametrize(
    "changes",
    [
        [{"password": NEW_PASSWORD}],
        [{"is_active": False}],
        [{"is_active": False}, {"is_active": True}],
    ],
    ids=["password edited", "deactivated", "deactivated then reactivated"],
)
async def test_an_account_change_ends_older_tokens(
    app: Litestar,
    db_session: AsyncSession,
    user: UserModel,
    settings: Settings,
    changes: list[UserFields],
) -> None:
    old = bearer(user.id, settings.secret_key)
    assert await me(app, old) == 200
    users = UserService(session=db_session)
    for fields in changes:
        await users.update_user(user.id, fields=fields)
    assert await me(app, old) == 401


async def test_an_unrelated_edit_keeps_tokens(
    app: Litestar, db_session: AsyncSession, user: UserModel, settings: Settings
) -> None:
    old = bearer(user.id, settings.secret_key)
    users = UserService(session=db_session)
    await users.update_user(user.id, fields={"full_name": "Renamed", "is_active": True})
    assert await me(app, old) == 200


def unicode_spellings(number: int) -> list[str]:
    digits = str(number)
    return [
        "".join(chr(zero + int(digit)) for digit in digits) for zero in UNICODE_ZEROS
    ] + [f"0{digits}", f"+{digits}", f" {digits}", f"{digits} "]


async def test_a_subject_that_is_not_plain_ascii_digits_is_refused(
    app: Litestar, user: UserModel, settings: Settings
) -> None:
    for subject in unicode_spellings(user.id):
        token = raw_token({"sub": subject, "exp": 300, "ver": 0}, settings.secret_key)
        assert await me(app, {"Authorization": f"Bearer {token}"}) == 401, subject
    plain = raw_token({"sub": str(user.id), "exp": 300, "ver": 0}, settings.secret_key)
    assert await me(app, {"Authorization": f"Bearer {plain}"}) == 200


@pytest.mark.parametrize("version", [None, 1, -1, "0", 0.0, True])
async def test_a_token_without_the_current_version_is_refused(
    app: Litestar, user: UserModel, settings: Settings, version: object
) -> None:
    claims: dict[str, object] = {"sub": str(user.id), "exp": 300}
    if version is not None:
        claims["ver"] = version
    token = raw_token(claims, settings.secret_key)
    assert await me(app, {"Authorization": f"Bearer {token}"}) == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": TEST_PASSWORD}, "new_password"),
        ({"new_password": NEW_PASSWORD}, "current_password"),
        ({"current_password": TEST_PASSWORD, "new_password": "short"}, "new_password"),
        (
            {"current_password": TEST_PASSWORD, "new_password": "n" * 129},
            "new_password",
        ),
        (
            {"current_password": "c" * 129, "new_password": NEW_PASSWORD},
            "current_password",
        ),
        (
            {"current_password": "wrong password", "new_password": NEW_PASSWORD},
            "current_password",
        ),
        ({"current_password": TEST_PASSWORD, "new_password": 12345678}, "new_password"),
        (
            {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD, "x": 1},
            "x",
        ),
    ],
    ids=[
        "new missing",
        "current missing",
        "new too short",
        "new too long",
        "current too long",
        "current wrong",
        "new not a string",
        "unknown field",
    ],
)
async def test_a_bad_password_change_is_400_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    response = await client.post(PASSWORD_PATH, json=body)
    assert response.status_code == 400, response.text
    assert field in response.text
    assert (await client.get("/api/auth/me")).status_code == 200


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b"x" * 70_000])
async def test_a_malformed_password_change_body_is_a_client_error(
    client: httpx.AsyncClient, content: bytes
) -> None:
    response = await client.post(
        PASSWORD_PATH, content=content, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert (await client.get("/api/auth/me")).status_code == 200


async def test_an_anonymous_or_stale_password_change_is_401(
    anonymous_client: httpx.AsyncClient, user: UserModel, settings: Settings
) -> None:
    body = {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD}
    stale = bearer(user.id, settings.secret_key, version=7)
    for headers in ({}, stale, {"Authorization": "Bearer x"}):
        response = await anonymous_client.post(
            PASSWORD_PATH, json=body, headers=headers
        )
        assert response.status_code == 401


async def race_password_changes(
    http: httpx.AsyncClient, url: str, email: str, racers: int
) -> None:
    """`racers` changes at once with one token and the same current password."""
    headers = await sign_in(url, email=email)
    new_passwords = [f"new passphrase number {n}" for n in range(racers)]
    answers = await asyncio.gather(
        *(
            http.post(
                f"{url}{PASSWORD_PATH}",
                json={"current_password": TEST_PASSWORD, "new_password": new},
                headers=headers,
            )
            for new in new_passwords
        )
    )
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(200) == 1, [answer.text for answer in answers]
    assert set(statuses) <= {200, 400, 409}, statuses
    assert all(
        "current_password" in answer.text
        for answer in answers
        if answer.status_code == 400
    )
    winner = new_passwords[statuses.index(200)]
    token = answers[statuses.index(200)].json()["access_token"]
    signs_in = {
        password: (
            await http.post(
                f"{url}/api/auth/login", json={"email": email, "password": password}
            )
        ).status_code
        for password in [TEST_PASSWORD, *new_passwords]
    }
    assert signs_in == {
        password: 200 if password == winner else 401 for password in signs_in
    }
    fresh = await http.get(
        f"{url}/api/auth/me", headers={"Authorization": f"Bearer {token}"}
    )
    assert fresh.status_code == 200
    assert fresh.json()["email"] == email
    assert (await http.get(f"{url}/api/auth/me", headers=headers)).status_code == 401


@pytest.mark.reliability
async def test_concurrent_password_changes_have_exactly_one_winner(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    racers = {4: "four@example.com", 6: "six@example.com", 8: "eight@example.com"}
    for email in racers.values():
        await add_user(app_database, email=email)
    async with serve(server_env(app_database), log_dir=log_dir) as server:
        for count, email in racers.items():
            await race_password_changes(http, server.url, email, count)
