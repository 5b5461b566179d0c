"""Sign-in budgets cannot be dodged by spelling the path, switching between the
API and the admin, rotating client addresses, or forging `X-Forwarded-For`.

Each test runs an app of its own with small budgets, reading and writing
through the test's rolled-back transaction.
"""

import os
import shlex
import subprocess
import sys
from collections.abc import AsyncGenerator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
from advanced_alchemy.extensions.litestar.plugins import SQLAlchemyInitPlugin
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession

from backend.app import create_app
from backend.apps.users.models import UserModel
from backend.database import AlchemyConfig
from backend.settings import Settings
from bench.servers import BACKEND_DIR, free_port
from tests.conformance.test_dockerfile import runtime_environment, serving_command
from tests.helpers.admin_forms import csrf_token
from tests.helpers.lifespan import serving
from tests.helpers.settings import make_settings
from tests.reliability.servers import server_env, stop, wait_until_up
from tests.users.factories import TEST_PASSWORD, add_user

type Limited = Callable[..., AbstractAsyncContextManager[Litestar]]

API_LOGIN_SPELLINGS = [
    "/api/auth/login",
    "/api/auth/%6Cogin",
    "/api/auth/%6c%6f%67%69%6e",
    "/api/auth//login",
    "/api//auth/login",
    "/api/auth/login/",
    "/api/auth/login%2F",
    "/api/auth/login%2f",
    "/api/auth/%256Cogin",
    "/API/auth/login",
    "/api/auth/login?x=1",
]
ADMIN_LOGIN_SPELLINGS = [
    "/admin/login",
    "/admin/%6Cogin",
    "/admin/%6c%6f%67%69%6e",
    "/admin//login",
    "/admin/login/",
    "/admin/login%2F",
    "/admin/%256Cogin",
    "/ADMIN/login",
    "/admin/login?next=/admin/",
]
# Answers that show a password was checked: wrong credentials.
PASSWORD_CHECKED = {400, 401}
WRONG = {"email": "victim@example.com", "password": "wrong password"}


@pytest.fixture
def limited(app: Litestar, db_config: AlchemyConfig, settings: Settings) -> Limited:
    """An app with the given settings, on the test's transaction."""

    @asynccontextmanager
    async def start(**overrides: object) -> AsyncGenerator[Litestar]:
        limited_app = create_app(
            make_settings(settings.database_url.encoded_string(), **overrides)
        )
        async with serving(limited_app):
            config = limited_app.plugins.get(SQLAlchemyInitPlugin).config[0]
            assert isinstance(config, AlchemyConfig)
            test_maker = app.state[db_config.session_maker_app_state_key]
            with config.sessions_from(limited_app.state, test_maker):
                yield limited_app

    return start


@asynccontextmanager
async def client_from(
    app: Litestar, address: str = "127.0.0.1", headers: dict[str, str] | None = None
) -> AsyncGenerator[httpx.AsyncClient]:
    """An in-process client whose connection comes from `address`."""
    # httpx types ASGI apps more narrowly than Litestar's (TypedDict) scopes.
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=headers
    ) as http:
        yield http


async def api_attempt(http: httpx.AsyncClient, path: str, email: str) -> int:
    response = await http.post(path, json={**WRONG, "email": email})
    return response.status_code


async def admin_attempt(http: httpx.AsyncClient, path: str, token: str) -> int:
    response = await http.post(
        path, data={"username": WRONG["email"], "password": "x", "csrftoken": token}
    )
    return response.status_code


async def test_every_spelling_of_the_api_login_path_spends_one_budget(
    limited: Limited, db_session: AsyncSession
) -> None:
    async with limited(login_rate_limit=2) as app, client_from(app) as http:
        assert await api_attempt(http, "/api/auth/%6Cogin", "a@example.com") == 401
        assert await api_attempt(http, "/api/auth//login", "b@example.com") == 401
        answers = {
            path: await api_attempt(http, path, "c@example.com")
            for path in API_LOGIN_SPELLINGS
        }
    assert answers["/api/auth/login"] == 429
    assert answers["/api/auth/%6Cogin"] == 429
    checked = {path for path, status in answers.items() if status in PASSWORD_CHECKED}
    assert not checked, answers


async def test_every_spelling_of_the_admin_login_path_spends_one_budget(
    limited: Limited, db_session: AsyncSession
) -> None:
    async with limited(login_rate_limit=2) as app, client_from(app) as http:
        token = csrf_token(await http.get("/admin/login"))
        assert await admin_attempt(http, "/admin/%6Cogin", token) == 400
        assert await admin_attempt(http, "/admin/%6c%6f%67%69%6e", token) == 400
        answers = {
            path: await admin_attempt(http, path, token)
            for path in ADMIN_LOGIN_SPELLINGS
        }
    assert answers["/admin/login"] == 429
    assert answers["/admin/%6Cogin"] == 429
    checked = {path for path, status in answers.items() if status in PASSWORD_CHECKED}
    assert not checked, answers


async def test_admin_sign_ins_spend_the_api_budget_too(
    limited: Limited, db_session: AsyncSession
) -> None:
    async with limited(login_rate_limit=2) as app, client_from(app) as http:
        token = csrf_token(await http.get("/admin/login"))
        assert await admin_attempt(http, "/admin/login", token) == 400
        assert await admin_attempt(http, "/admin/%6Cogin", token) == 400
        assert await api_attempt(http, "/api/auth/login", "d@example.com") == 429
        assert await admin_attempt(http, "/admin/login", token) == 429


async def test_password_change_spends_the_sign_in_budget(
    limited: Limited, user: UserModel, settings: Settings
) -> None:
    async with limited(login_rate_limit=2) as app:
        async with client_from(app) as http:
            login = {"email": user.email, "password": TEST_PASSWORD}
            token = (await http.post("/api/auth/login", json=login)).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
        async with client_from(app, headers=headers) as http:
            wrong = {"current_password": "wrong password", "new_password": "n" * 12}
            assert (
                await http.post("/api/auth/password", json=wrong)
            ).status_code == 400
            refused = await http.post("/api/auth/%70assword", json=wrong)
    assert refused.status_code == 429


@pytest.mark.parametrize(
    "spellings",
    [
        ["victim@example.com"] * 4,
        ["Victim@Example.com", " victim@example.com", "VICTIM@EXAMPLE.COM "] * 2,
    ],
    ids=["same spelling", "case and spaces"],
)
async def test_rotating_client_addresses_gives_no_more_guesses_at_one_account(
    limited: Limited, db_session: AsyncSession, password_hash: str, spellings: list[str]
) -> None:
    await add_user(db_session, email="victim@example.com", password_hash=password_hash)
    answers = []
    async with limited(login_rate_limit=100, login_account_rate_limit=3) as app:
        for number, email in enumerate(spellings):
            async with client_from(app, f"198.51.100.{number + 1}") as http:
                answers.append(await api_attempt(http, "/api/auth/login", email))
            async with client_from(app, f"203.0.113.{number + 1}") as http:
                token = csrf_token(await http.get("/admin/login"))
                answers.append(
                    (
                        await http.post(
                            "/admin/login",
                            data={
                                "username": email,
                                "password": "x",
                                "csrftoken": token,
                            },
                        )
                    ).status_code
                )
        async with client_from(app, "192.0.2.99") as http:
            right = {"email": "victim@example.com", "password": TEST_PASSWORD}
            still_refused = await http.post("/api/auth/login", json=right)
    assert answers[:3] == [401, 400, 401]
    assert set(answers[3:]) == {429}
    assert still_refused.status_code == 429


async def test_an_unknown_account_is_counted_and_answered_like_a_known_one(
    limited: Limited, db_session: AsyncSession, password_hash: str
) -> None:
    await add_user(db_session, email="known@example.com", password_hash=password_hash)
    answers: dict[str, list[tuple[int, str]]] = {}
    async with limited(login_rate_limit=100, login_account_rate_limit=2) as app:
        for email in ("known@example.com", "unknown@example.com"):
            answers[email] = []
            for number in range(3):
                async with client_from(app, f"198.51.100.{number + 10}") as http:
                    response = await http.post(
                        "/api/auth/login", json={**WRONG, "email": email}
                    )
                answers[email].append((response.status_code, response.text))
    assert answers["known@example.com"] == answers["unknown@example.com"]
    assert [status for status, _ in answers["known@example.com"]] == [401, 401, 429]


async def test_forwarded_for_from_an_untrusted_client_names_no_other_client(
    limited: Limited, db_session: AsyncSession
) -> None:
    async with limited(login_rate_limit=2) as app, client_from(app) as http:
        answers = [
            (
                await http.post(
                    "/api/auth/login",
                    json={**WRONG, "email": f"x{number}@example.com"},
                    headers={"X-Forwarded-For": f"198.51.100.{number}"},
                )
            ).status_code
            for number in range(3)
        ]
    assert answers == [401, 401, 429]


@pytest.mark.reliability
async def test_the_container_command_trusts_no_forwarded_for_and_logs_no_query(
    app_database: str, log_dir: Path, http: httpx.AsyncClient
) -> None:
    port = free_port()
    command = serving_command()
    command = [
        *command[: command.index("--host")],
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    env = {
        **os.environ,
        **runtime_environment(),
        **server_env(app_database, LOGIN_RATE_LIMIT="2", LOG_LEVEL="INFO"),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "FRONTEND_DIST": "",
    }
    log = log_dir / "container.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603, ASYNC220 (the Dockerfile's command)
            command, cwd=BACKEND_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_up(f"{url}/health", process)
        answers = [
            (
                await http.post(
                    f"{url}/api/auth/login?secret-query=1",
                    json={**WRONG, "email": f"y{number}@example.com"},
                    headers={"X-Forwarded-For": f"198.51.100.{number}"},
                )
            ).status_code
            for number in range(3)
        ]
    finally:
        stop(process)
    assert answers == [401, 401, 429], (shlex.join(command), log.read_text())
    assert "secret-query" not in log.read_text()


async def sign_in_right(
    app: Litestar, email: str, number: int, *, admin: bool = False
) -> int:
    """A successful sign-in from a fresh client address: its status."""
    async with client_from(app, f"198.51.100.{number}") as http:
        if not admin:
            right = {"email": email, "password": TEST_PASSWORD}
            return (await http.post("/api/auth/login", json=right)).status_code
        token = csrf_token(await http.get("/admin/login"))
        form = {"username": email, "password": TEST_PASSWORD, "csrftoken": token}
        return (await http.post("/admin/login", data=form)).status_code


async def test_successful_sign_ins_spend_no_account_budget(
    limited: Limited, db_session: AsyncSession, password_hash: str
) -> None:
    email = "often@example.com"
    await add_user(
        db_session, email=email, password_hash=password_hash, is_superuser=True
    )
    async with limited(login_rate_limit=100, login_account_rate_limit=3) as app:
        api = [await sign_in_right(app, email, number) for number in range(5)]
        admin = [
            await sign_in_right(app, email, number, admin=True) for number in range(3)
        ]
        async with client_from(app, "192.0.2.1") as http:
            login = {"email": email, "password": TEST_PASSWORD}
            token = (await http.post("/api/auth/login", json=login)).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        async with client_from(app, "192.0.2.2", headers=headers) as http:
            change = {"current_password": TEST_PASSWORD, "new_password": "n" * 12}
            changed = await http.post("/api/auth/password", json=change)
    assert api == [200] * 5
    assert admin == [303] * 3
    assert changed.status_code == 200, changed.text


async def test_failures_spend_the_account_budget_then_the_right_password_is_refused(
    limited: Limited, db_session: AsyncSession, password_hash: str
) -> None:
    email = "target@example.com"
    await add_user(db_session, email=email, password_hash=password_hash)
    async with limited(login_rate_limit=100, login_account_rate_limit=3) as app:
        before = [await sign_in_right(app, email, number) for number in range(4)]
        failures = []
        for number in range(3):
            async with client_from(app, f"203.0.113.{number}") as http:
                failures.append(await api_attempt(http, "/api/auth/login", email))
        after = await sign_in_right(app, email, 50)
    assert before == [200] * 4
    assert failures == [401] * 3
    assert after == 429
