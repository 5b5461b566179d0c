"""Import contracts (`lint-imports`): kept by the project, each broken by the fixture.

The fixture is a package named `backend` too; putting it first on PYTHONPATH
makes `lint-imports` check it with the project's own contracts.
"""

import os
import re
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest

from tests.conformance.paths import BACKEND, BROKEN

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
_STATUS = re.compile(r"^(?P<name>.+) (?P<status>KEPT|BROKEN)$", re.MULTILINE)
# The import in the fixture that breaks each contract.
FIXTURE_VIOLATIONS = {
    "domain-is-transport-free": "backend.apps.books.services -> litestar (l.2)",
    "transport-reaches-the-database-through-services": (
        "backend.apps.books.controllers -> sqlalchemy (l.2)"
    ),
    "apps-meet-through-services": (
        "backend.apps.books.services -> backend.apps.users.models (l.4)"
    ),
    "backend-never-imports-frontend": "backend.bridge -> frontend (l.1)",
    "shared-domain-pieces-are-transport-free": "backend.kit.text -> litestar (l.1)",
    "app-layers": "backend.apps.books.models -> backend.apps.books.services (l.3)",
}


def contracts() -> dict[str, str]:
    """Contract ids and names, from `[tool.importlinter]` in pyproject.toml."""
    config = tomllib.loads((BACKEND / "pyproject.toml").read_text(encoding="utf-8"))
    entries = config["tool"]["importlinter"]["contracts"]
    return {entry["id"]: entry["name"] for entry in entries}


@cache
def lint_imports(package_parent: Path | None) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contracts, on the fixture when given."""
    env = dict(os.environ)
    if package_parent is not None:
        env["PYTHONPATH"] = str(package_parent)
    return subprocess.run(  # noqa: S603  (the venv's own lint-imports)
        [
            str(LINT_IMPORTS),
            "--config",
            str(BACKEND / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=BACKEND,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def statuses(output: str) -> dict[str, str]:
    """Contract name -> KEPT or BROKEN, from lint-imports' summary."""
    return {m["name"]: m["status"] for m in _STATUS.finditer(output)}


def report_of(output: str, name: str) -> str:
    """The part of lint-imports' output under the heading of a broken contract."""
    headings = [f"\n{other}\n{'-' * len(other)}\n" for other in contracts().values()]
    start = output.index(f"\n{name}\n{'-' * len(name)}\n")
    ends = [output.find(h, start + 1) for h in headings]
    return output[start : min([e for e in ends if e > start], default=len(output))]


def test_the_project_keeps_every_contract() -> None:
    result = lint_imports(None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert statuses(result.stdout) == dict.fromkeys(contracts().values(), "KEPT")


def test_every_contract_has_a_violation_in_the_fixture() -> None:
    assert sorted(FIXTURE_VIOLATIONS) == sorted(contracts())


@pytest.mark.parametrize("contract_id", sorted(FIXTURE_VIOLATIONS))
def test_the_fixture_breaks_the_contract(contract_id: str) -> None:
    result = lint_imports(BROKEN / "src")
    name = contracts()[contract_id]
    assert result.returncode == 1, result.stderr
    assert statuses(result.stdout)[name] == "BROKEN"
    assert FIXTURE_VIOLATIONS[contract_id] in report_of(result.stdout, name)
