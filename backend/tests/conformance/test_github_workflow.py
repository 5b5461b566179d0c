"""The adopters' GitHub workflow: valid, and running the same script as our CI.

It cannot run here; it is validated against GitHub's workflow JSON schema
(the copy check-jsonschema ships) and held to the shape below.
"""

from typing import Any

from tests.conformance.paths import REPOSITORY
from tests.conformance.tools import load_yaml, validate_against_builtin_schema

WORKFLOW = ".github/workflows/ci.yml"


def job() -> dict[str, Any]:
    """The workflow's only job."""
    (only,) = load_yaml(WORKFLOW)["jobs"].values()
    return only


def uses(action: str) -> list[dict[str, Any]]:
    """The steps that use an action (any version)."""
    return [s for s in job()["steps"] if s.get("uses", "").startswith(f"{action}@")]


def test_workflow_matches_githubs_schema() -> None:
    assert validate_against_builtin_schema("vendor.github-workflows", WORKFLOW) == (
        "ok -- validation done"
    )


def test_it_runs_the_one_ci_script() -> None:
    runs = [step["run"] for step in job()["steps"] if "run" in step]
    assert runs == ["bash .ci/run"]


def test_it_tests_on_python_3_13_and_3_14() -> None:
    pinned = (REPOSITORY / ".python-version").read_text(encoding="utf-8").strip()
    matrix = job()["strategy"]["matrix"]["python"]
    assert matrix == [pinned, "3.14"]
    assert job()["env"]["UV_PYTHON"] == "${{ matrix.python }}"


def test_it_provides_postgres_where_the_settings_look() -> None:
    postgres = job()["services"]["postgres"]
    assert postgres["image"].startswith("postgres:")
    assert "5432:5432" in postgres["ports"]
    assert job()["env"]["DATABASE_URL"].startswith(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/"
    )


def test_it_caches_uv_and_npm() -> None:
    (setup_uv,) = uses("astral-sh/setup-uv")
    assert setup_uv["with"]["enable-cache"] is True
    (cache,) = uses("actions/cache")
    assert "~/.npm" in cache["with"]["path"]
    assert "frontend/package-lock.json" in cache["with"]["key"]
