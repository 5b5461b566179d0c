"""Rule 001 conformance: every check passes on the project and fails on the fixture.

`fixtures/broken/` breaks each rule once (its README lists how); each test
below names the check and the exact problem it must report there.
"""

import subprocess
import sys

import pytest

from scripts.conformance import checks
from scripts.conformance.checks import Check, load_exemptions, run_checks
from tests.conformance.paths import BACKEND, BROKEN

PROJECT_EXEMPTIONS = load_exemptions(BACKEND / "pyproject.toml")


def test_the_project_conforms_to_rule_001() -> None:
    assert run_checks(BACKEND, PROJECT_EXEMPTIONS) == []


@pytest.mark.parametrize(
    ("check", "problem"),
    [
        (
            checks.required_files,
            "apps/users/services.py is missing (rule 001 file structure)",
        ),
        (
            checks.required_files,
            "apps/users/graphql/mutations.py is missing (rule 001 file structure)",
        ),
        (
            checks.required_files,
            "admin/views/user.py is missing: UserModel needs its UserAdminView "
            "(rule 001 step 11)",
        ),
        (
            checks.model_names,
            "apps/books/models.py: class Review maps a table; name it ReviewModel",
        ),
        (
            checks.layer_names,
            "apps/books/graphql/inputs.py: no class BookInput (rule 001 naming table)",
        ),
        (
            checks.layer_names,
            "admin/views/book.py: no class BookAdminView (rule 001 naming table)",
        ),
        (
            checks.table_names,
            "apps/books/models.py: BookModel.__tablename__ 'books' looks plural; "
            "rule 001 wants e.g. 'book'",
        ),
        (
            checks.admin_registry,
            "admin/views/__init__.py: ADMIN_VIEWS lacks user.view (UserAdminView)",
        ),
        (
            checks.schema_registration,
            "schema.py: the root Query does not inherit UserQuery",
        ),
        (
            checks.schema_registration,
            "schema.py: the root Mutation does not inherit BookMutation",
        ),
        (
            checks.migrations,
            "migrations/versions: no revision creates table 'user' (UserModel); "
            "run `task backend:migrations:make -- 'create user table'`",
        ),
        (
            checks.session_use,
            "apps/books/graphql/mutations.py:12: touches the session; call the "
            "service instead (a mutation only hands it to mutation_errors)",
        ),
        (
            checks.session_use,
            "apps/books/controllers.py:8: touches the session; call the service "
            "instead (a mutation only hands it to mutation_errors)",
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_check_reports_the_fixtures_violation(check: Check, problem: str) -> None:
    assert problem in check(BROKEN, {})


def test_every_check_is_proven_by_the_fixture() -> None:
    silent = [check.__name__ for check in checks.CHECKS if not check(BROKEN, {})]
    assert silent == ["stale_exemptions"]  # proven below, with exemptions


def test_an_exemption_silences_only_its_part() -> None:
    problems = run_checks(BROKEN, {"users": {"graphql": "no GraphQL for users"}})
    assert not [p for p in problems if "users/graphql" in p or "UserQuery" in p]
    assert "apps/users/services.py is missing (rule 001 file structure)" in problems


def test_stale_or_unknown_exemptions_are_reported() -> None:
    exemptions = {
        "books": {"graphql": "it has GraphQL after all"},
        "authors": {"admin": "no such app"},
        "users": {"cli": "not a part", "admin": " "},
    }
    assert checks.stale_exemptions(BROKEN, exemptions) == [
        "apps/books/graphql exists: drop its exemption",
        "exemption for 'authors': no such entity app",
        "exemption users.cli: parts are ('graphql', 'admin')",
        "exemption users.admin: give the reason",
    ]


def _conformance_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", "scripts.conformance", *args],
        cwd=BACKEND,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_lint_command_passes_on_the_project() -> None:
    result = _conformance_command()
    assert result.returncode == 0, result.stderr
    assert result.stdout == "rule 001: every app conforms\n"


def test_the_lint_command_fails_on_the_fixture() -> None:
    result = _conformance_command(str(BROKEN))
    assert result.returncode == 1
    assert "rule 001: schema.py: the root Query does not inherit UserQuery" in (
        result.stderr.splitlines()
    )
