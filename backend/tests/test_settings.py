"""Settings: development needs nothing; production refuses unsafe defaults."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from backend.settings import DEVELOPMENT_SECRET_KEY, Environment, Settings

STRONG_SECRET = "s" * 48
STRONG_ADMIN_SECRET = "a" * 48


@pytest.fixture
def empty_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No `.env` file and none of the app's variables set."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.mark.usefixtures("empty_environment")
def test_development_needs_no_configuration() -> None:
    settings = Settings()
    assert settings.app_env is Environment.DEVELOPMENT
    assert settings.secret_key == DEVELOPMENT_SECRET_KEY
    assert settings.database_url.scheme == "postgresql+asyncpg"


@pytest.mark.usefixtures("empty_environment")
def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("ADMIN_SESSION_SECRET", STRONG_ADMIN_SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u:p@db:5432/app")
    monkeypatch.setenv("ALLOWED_HOSTS", "api.example.com")
    settings = Settings()
    assert settings.is_production
    assert settings.database_url.hosts()[0]["host"] == "db"


@pytest.mark.usefixtures("empty_environment")
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "SECRET_KEY is the development default"),
        ({"secret_key": "short"}, "SECRET_KEY is shorter than 32"),
        ({"secret_key": STRONG_SECRET, "debug": True}, "DEBUG is on"),
        ({"secret_key": STRONG_SECRET}, "ADMIN_SESSION_SECRET is the development"),
        (
            {"secret_key": STRONG_SECRET, "admin_session_secret": "short"},
            "ADMIN_SESSION_SECRET is shorter than 32",
        ),
        (
            {"secret_key": STRONG_SECRET, "admin_session_secret": STRONG_SECRET},
            "ADMIN_SESSION_SECRET is the same as SECRET_KEY",
        ),
    ],
)
def test_production_refuses_unsafe_settings(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings.model_validate({"app_env": "production", **overrides})


@pytest.mark.usefixtures("empty_environment")
def test_production_starts_with_a_strong_secret() -> None:
    settings = Settings.model_validate(
        {
            "app_env": "production",
            "secret_key": STRONG_SECRET,
            "admin_session_secret": STRONG_ADMIN_SECRET,
            "allowed_hosts": "api.example.com",
        }
    )
    assert settings.is_production


@pytest.mark.usefixtures("empty_environment")
def test_env_example_lists_every_setting() -> None:
    example = Path(__file__).resolve().parents[2] / ".env.example"
    documented = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert documented == {name.upper() for name in Settings.model_fields}
