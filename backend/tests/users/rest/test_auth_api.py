"""Sign-in over REST: tokens for active users only, refused once tampered or stale."""

import base64
import json
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from backend.apps.users.controllers import INVALID_CREDENTIALS
from backend.apps.users.models import UserModel
from backend.http.bearer import REJECTED_BEARER
from backend.settings import Settings
from tests.users.factories import TEST_PASSWORD, add_user, bearer, raw_token


async def login(
    client: httpx.AsyncClient, email: str, password: str = TEST_PASSWORD
) -> httpx.Response:
    return await client.post(
        "/api/auth/login", json={"email": email, "password": password}
    )


def with_token(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_login_returns_a_bearer_token_for_me(
    anonymous_client: httpx.AsyncClient, user: UserModel, settings: Settings
) -> None:
    response = await login(anonymous_client, "  READER@example.com ")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_ttl_seconds == 900
    me = await anonymous_client.get(
        "/api/auth/me", headers=with_token(body["access_token"])
    )
    assert me.status_code == 200
    assert me.json()["id"] == user.id
    assert me.json()["email"] == "reader@example.com"
    assert "password_hash" not in me.text
    assert "argon2" not in me.text


async def test_login_ignores_a_stale_token_in_the_headers(
    anonymous_client: httpx.AsyncClient, user: UserModel, settings: Settings
) -> None:
    stale = raw_token(
        {"sub": str(user.id), "exp": -5, "iat": -905}, settings.secret_key
    )
    response = await anonymous_client.post(
        "/api/auth/login",
        json={"email": user.email, "password": TEST_PASSWORD},
        headers=with_token(stale),
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("reader@example.com", "wrong password"),
        ("nobody@example.com", TEST_PASSWORD),
        ("not an email", TEST_PASSWORD),
    ],
    ids=["wrong password", "unknown email", "malformed email"],
)
@pytest.mark.usefixtures("user")
async def test_wrong_credentials_get_one_401(
    anonymous_client: httpx.AsyncClient, email: str, password: str
) -> None:
    response = await login(anonymous_client, email, password)
    assert response.status_code == 401
    assert response.json() == {"status_code": 401, "detail": INVALID_CREDENTIALS}


async def test_inactive_user_cannot_sign_in(
    anonymous_client: httpx.AsyncClient, db_session: AsyncSession, password_hash: str
) -> None:
    await add_user(
        db_session,
        email="gone@example.com",
        password_hash=password_hash,
        is_active=False,
    )
    response = await login(anonymous_client, "gone@example.com")
    assert response.status_code == 401
    assert response.json()["detail"] == INVALID_CREDENTIALS


@pytest.mark.parametrize(
    "body", [{"email": "reader@example.com"}, {"password": "x"}, {"e": 1}]
)
async def test_malformed_login_body_is_400(
    anonymous_client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    response = await anonymous_client.post("/api/auth/login", json=body)
    assert response.status_code == 400


async def test_me_without_a_token_is_401(
    anonymous_client: httpx.AsyncClient,
) -> None:
    response = await anonymous_client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()) == {"status_code", "detail"}


def _tamper_payload(token: str, **claims: object) -> str:
    header, payload, signature = token.split(".")
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=="))
    decoded.update(claims)
    forged = base64.urlsafe_b64encode(json.dumps(decoded).encode()).rstrip(b"=")
    return f"{header}.{forged.decode()}.{signature}"


def _unsigned(token: str) -> str:
    _, payload, _ = token.split(".")
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=")
    return f"{header.decode()}.{payload}."


type Forge = Callable[[str, int, str], str]

FORGERIES: dict[str, Forge] = {
    "expired": lambda _, user_id, secret: raw_token(
        {"sub": str(user_id), "exp": -30, "iat": -960}, secret
    ),
    "other secret": lambda _, user_id, __: raw_token(
        {"sub": str(user_id), "exp": 600}, "another secret, long enough for HS256"
    ),
    "payload changed": lambda token, user_id, _: _tamper_payload(
        token, sub=str(user_id + 1)
    ),
    "alg none": lambda token, _, __: _unsigned(token),
    "no expiry": lambda _, user_id, secret: raw_token({"sub": str(user_id)}, secret),
    "non-numeric subject": lambda _, __, secret: raw_token(
        {"sub": "me", "exp": 600}, secret
    ),
    "truncated signature": lambda token, _, __: token[:-4],
    "garbage": lambda _, __, ___: "not-a-jwt",
}


@pytest.mark.parametrize("forgery", FORGERIES)
async def test_bad_token_is_401(
    anonymous_client: httpx.AsyncClient,
    user: UserModel,
    settings: Settings,
    forgery: str,
) -> None:
    token = bearer(user.id, settings.secret_key)["Authorization"].split()[1]
    forged = FORGERIES[forgery](token, user.id, settings.secret_key)
    response = await anonymous_client.get("/api/auth/me", headers=with_token(forged))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"] == REJECTED_BEARER


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer   ", "token"])
async def test_malformed_authorization_header_is_401(
    anonymous_client: httpx.AsyncClient, header: str
) -> None:
    response = await anonymous_client.get(
        "/api/auth/me", headers={"Authorization": header}
    )
    assert response.status_code == 401


async def test_token_stops_working_when_its_user_is_deactivated(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    user: UserModel,
    settings: Settings,
) -> None:
    headers = bearer(user.id, settings.secret_key)
    assert (await anonymous_client.get("/api/auth/me", headers=headers)).is_success
    user.is_active = False
    await db_session.flush()
    response = await anonymous_client.get("/api/auth/me", headers=headers)
    assert response.status_code == 401


async def test_token_stops_working_when_its_user_is_deleted(
    anonymous_client: httpx.AsyncClient,
    db_session: AsyncSession,
    user: UserModel,
    settings: Settings,
) -> None:
    headers = bearer(user.id, settings.secret_key)
    await db_session.delete(user)
    await db_session.flush()
    response = await anonymous_client.get("/api/auth/me", headers=headers)
    assert response.status_code == 401
