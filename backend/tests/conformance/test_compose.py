"""compose.yaml is valid Compose and runs the stack the way the issue asks.

No Docker engine or compose plugin here: the file is validated against the
Compose specification's JSON schema (the copy check-jsonschema ships).
"""

from typing import Any

import pytest

from tests.conformance.paths import REPOSITORY
from tests.conformance.tools import load_yaml, validate_against_builtin_schema

SECRETS = ("SECRET_KEY", "ADMIN_SESSION_SECRET")


def services() -> dict[str, Any]:
    """compose.yaml's services, anchors resolved."""
    return load_yaml("compose.yaml")["services"]


def test_compose_file_matches_the_compose_specification() -> None:
    assert validate_against_builtin_schema("vendor.compose-spec", "compose.yaml") == (
        "ok -- validation done"
    )


def test_the_database_starts_without_a_profile() -> None:
    assert "profiles" not in services()["db"]


def test_the_app_profile_migrates_once_then_serves() -> None:
    migrate, app = services()["migrate"], services()["app"]
    assert migrate["profiles"] == app["profiles"] == ["app"]
    assert migrate["command"][-3:] == ["database", "upgrade", "--no-prompt"]
    assert "command" not in app, "the image's CMD serves; it never migrates"
    assert app["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


@pytest.mark.parametrize("service", ["migrate", "app"])
def test_services_build_the_backend_image_from_the_repository_root(
    service: str,
) -> None:
    build = services()[service]["build"]
    assert build["context"] == "."
    assert (REPOSITORY / build["dockerfile"]) == REPOSITORY / "backend" / "Dockerfile"


@pytest.mark.parametrize("service", ["migrate", "app"])
def test_secrets_come_from_the_environment_without_a_default(service: str) -> None:
    environment = services()[service]["environment"]
    assert environment["APP_ENV"] == "production"
    for name in SECRETS:
        assert environment[name] == f"${{{name}:-}}"


def test_no_variable_is_required_at_interpolation() -> None:
    # Compose interpolates every service, profile or not: a `${VAR:?}` in the
    # app's services would break `docker compose up db` for everyone.
    lines = (REPOSITORY / "compose.yaml").read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if ":?" in line.partition("#")[0]]


def test_every_app_variable_is_documented_in_env_example() -> None:
    example = (REPOSITORY / ".env.example").read_text(encoding="utf-8")
    documented = {
        line.partition("=")[0] for line in example.splitlines() if "=" in line
    }
    assert set(services()["app"]["environment"]) <= documented
