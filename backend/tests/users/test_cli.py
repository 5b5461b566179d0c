"""`python -m backend.apps.users.cli`: creates a user without a prompt.

The documented command runs once as a subprocess against a database of its
own (it commits); the other outcomes call its `main()` in-process, which skips
the seconds a fresh interpreter spends importing.
"""

import asyncio
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from backend.apps.users.cli import EXIT_FAILED, EXIT_INVALID, main
from backend.apps.users.passwords import verify_password
from backend.settings import get_settings
from tests.helpers.database import asyncpg_dsn, create_database, drop_database, migrate

BACKEND_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cli_database(base_database_url: str) -> Iterator[str]:
    """A migrated database the command may commit to."""
    url = create_database(base_database_url, suffix="_cli")
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


async def run_command(database_url: str, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "backend.apps.users.cli",
        *args,
        cwd=BACKEND_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def test_command_creates_a_superuser(cli_database: str) -> None:
    status, stdout, stderr = await run_command(
        cli_database,
        *("--email", " Root@Example.com", "--password", "s3cret-enough"),
        *("--full-name", "Root", "--superuser"),
    )
    connection = await asyncpg.connect(asyncpg_dsn(cli_database))
    try:
        row = await connection.fetchrow(
            "SELECT * FROM user_account WHERE email = 'root@example.com'"
        )
    finally:
        await connection.close()
    assert row is not None
    assert (status, stderr) == (0, "")
    assert stdout == f"created superuser root@example.com (id {row['id']})\n"
    assert (row["full_name"], row["is_active"], row["is_superuser"]) == (
        "Root",
        True,
        True,
    )
    assert await verify_password(row["password_hash"], "s3cret-enough")


def test_taken_email_exits_1(
    cli_database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", cli_database)
    get_settings.cache_clear()
    try:
        first = main(["--email", "taken@example.com", "--password", "long enough"])
        second = main(["--email", "TAKEN@example.com", "--password", "long enough"])
    finally:
        get_settings.cache_clear()
    assert (first, second) == (0, EXIT_FAILED)
    assert "A user with this email already exists." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "not-an-email", "--password", "long enough"], "email must"),
        (["--email", "a@example.com", "--password", "short"], "password must"),
    ],
)
def test_invalid_arguments_exit_2_with_a_message(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == EXIT_INVALID
    assert message in capsys.readouterr().err


def test_missing_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--email", "a@example.com"])
    assert exit_info.value.code == EXIT_INVALID
    assert "--password" in capsys.readouterr().err
