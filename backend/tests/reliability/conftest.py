"""Reliability fixtures: throwaway databases, served apps, users, reported figures.

These tests start real servers and run for seconds to a minute each, so the
default `pytest` run leaves them out (`-m "not reliability"`); the Taskfile
targets `backend:test:*`, `backend:fuzz` and `backend:load` run them.
"""

from collections.abc import AsyncGenerator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest

from backend.apps.users.passwords import hash_password
from tests.helpers.database import asyncpg_dsn, create_database, drop_database, migrate
from tests.users.factories import TEST_PASSWORD

FIGURES = pytest.StashKey[dict[str, str]]()
USER_EMAIL = "reliability@example.com"


@pytest.fixture(scope="module")
def app_database(
    base_database_url: str, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A migrated database of the test module's own, dropped afterwards."""
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    url = create_database(base_database_url, suffix=f"_rel_{name}")
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


async def add_user(database_url: str, email: str = USER_EMAIL) -> None:
    """Insert an active user whose password is `TEST_PASSWORD`."""
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.execute(
            "INSERT INTO user_account (email, password_hash, is_active, is_superuser,"
            " created_at, updated_at) VALUES ($1, $2, true, false, now(), now())"
            " ON CONFLICT (email) DO NOTHING",
            email,
            await hash_password(TEST_PASSWORD),
        )
    finally:
        await connection.close()


async def sign_in(base_url: str, email: str = USER_EMAIL) -> dict[str, str]:
    """Log in over HTTP; the `Authorization` header for the token it issues."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post(
            "/api/auth/login", json={"email": email, "password": TEST_PASSWORD}
        )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """Where the test's servers write their output."""
    return tmp_path


@pytest.fixture(scope="session")
def figures(request: pytest.FixtureRequest) -> dict[str, str]:
    """Figures a test measured, printed at the end of the run."""
    return request.config.stash.setdefault(FIGURES, {})


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures the reliability tests measured."""
    measured = terminalreporter.config.stash.get(FIGURES, {})
    if not measured:
        return
    terminalreporter.section("reliability figures")
    for name, value in measured.items():
        terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture
async def http() -> AsyncGenerator[httpx.AsyncClient]:
    """A plain HTTP client with a bounded timeout."""
    async with httpx.AsyncClient(timeout=30.0) as client:
        yield client
