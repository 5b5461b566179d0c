"""Rule 001 conformance: the project passes, and every single break is caught.

Each break in `fixtures/rule_001_breaks.toml` is applied to its own copy of
this backend; the checker must report it with a message naming the rule 001
step, the file and the line. The checks that read the source run in-process;
the one that builds the app runs once, in one process, for the project and
every break that needs it (`scripts/conformance/routes.py`).
"""

import shutil
import sys
from pathlib import Path

import pytest

from scripts.conformance.checks import Problem, load_exemptions, run_checks
from scripts.conformance.exemptions import stale_exemptions, still_applies
from scripts.conformance.problems import GUIDE
from scripts.conformance.routes import Report, inspect_apps, route_problems
from tests.conformance.breaks import Break, broken_copy, caught, load_breaks
from tests.conformance.paths import BACKEND

BREAKS = load_breaks()
PROJECT_EXEMPTIONS = load_exemptions(BACKEND / "pyproject.toml")


@pytest.fixture(scope="module")
def broken_trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each break's own broken copy of the backend, by break name."""
    base = tmp_path_factory.mktemp("rule_001")
    return {
        broken.name: broken_copy(base / f"break_{index}", broken)
        for index, broken in enumerate(BREAKS)
    }


@pytest.fixture(scope="module")
def build_reports(broken_trees: dict[str, Path]) -> dict[Path, Report]:
    """The built-app reports of the project and of the breaks that need one."""
    roots = [BACKEND, *(broken_trees[b.name] for b in BREAKS if b.build)]
    return inspect_apps(roots)


@pytest.fixture(scope="module")
def reported(
    broken_trees: dict[str, Path], build_reports: dict[Path, Report]
) -> dict[str, list[Problem]]:
    """What the checker reports on each break's tree, by break name."""
    return {
        name: problems_of(root, build_reports) for name, root in broken_trees.items()
    }


def problems_of(root: Path, reports: dict[Path, Report]) -> list[Problem]:
    """Every problem the checker reports on `root` (building the app if reported)."""
    exemptions = load_exemptions(root / "pyproject.toml")
    problems = run_checks(root, exemptions, build=False)
    if root in reports:
        problems += route_problems(root, reports[root])
    return problems


def test_there_are_at_least_20_single_breaks() -> None:
    assert len(BREAKS) >= 20
    assert len({b.name for b in BREAKS}) == len(BREAKS)


def test_the_project_conforms_to_rule_001(build_reports: dict[Path, Report]) -> None:
    assert [str(p) for p in problems_of(BACKEND, build_reports)] == []


@pytest.mark.parametrize("broken", BREAKS, ids=lambda b: b.name)
def test_the_checker_reports_the_break_with_its_step(
    broken: Break, reported: dict[str, list[Problem]]
) -> None:
    problems = [str(p) for p in reported[broken.name]]
    assert caught(broken, problems), problems


def test_every_break_is_caught(
    reported: dict[str, list[Problem]], capsys: pytest.CaptureFixture[str]
) -> None:
    found = sum(caught(b, [str(p) for p in reported[b.name]]) for b in BREAKS)
    summary = f"{found} of {len(BREAKS)} breaks caught"
    with capsys.disabled():
        sys.stdout.write(f"\nrule 001 checker: {summary}\n")
    assert summary == f"{len(BREAKS)} of {len(BREAKS)} breaks caught"


def test_every_problem_names_its_step_file_line_and_the_guide(
    broken_trees: dict[str, Path], reported: dict[str, list[Problem]]
) -> None:
    for name, problems in reported.items():
        for problem in problems:
            text = str(problem)
            assert text.startswith(("step ", "rule 001 ")), text
            assert f": {problem.file}" in text
            assert text.endswith(f"(see {GUIDE})"), text
            # Only a missing file or a folder has no line to point at.
            in_a_file = (broken_trees[name] / problem.file).is_file()
            assert (problem.line is not None) == in_a_file, text


def test_stale_or_unknown_exemptions_are_reported() -> None:
    exemptions = {
        "books": {
            "admin": "it has an admin view after all",
            "mutations": "it has mutations after all",
        },
        "authors": {"admin": "no such app"},
        "users": {"cli": "not a part", "graphql": " "},
    }
    assert [p.message for p in stale_exemptions(BACKEND, exemptions)] == [
        "books.admin: src/backend/apps/books has an admin view; drop the exemption",
        "books.mutations: src/backend/apps/books/graphql/mutations.py exists; "
        "drop the exemption",
        "'authors' is no entity app",
        "users.cli: parts are ('graphql', 'mutations', 'admin')",
        "users.graphql: give the reason",
    ]


def test_an_exemption_silences_only_its_part(broken_trees: dict[str, Path]) -> None:
    root = broken_trees["Query not in the root schema"]
    exempt = {"books": {"admin": "no admin for books"}}
    problems = [str(p) for p in run_checks(root, exempt, build=False)]
    assert any("the root Query does not inherit BookQuery" in p for p in problems)
    assert not any("step 11" in p or "step 12" in p for p in problems)


def test_a_mutations_exemption_leaves_out_only_the_writes(
    broken_trees: dict[str, Path], tmp_path: Path
) -> None:
    root = tmp_path / "tree"
    shutil.copytree(broken_trees["Query not in the root schema"], root)
    (root / "src/backend/apps/books/graphql/mutations.py").unlink()
    exempt = {**PROJECT_EXEMPTIONS, "books": {"mutations": "books are read-only here"}}
    problems = [str(p) for p in run_checks(root, exempt, build=False)]
    assert any("the root Query does not inherit BookQuery" in p for p in problems)
    assert not [p for p in problems if "BookMutation" in p or "mutations.py" in p]
    assert not [p for p in problems if "BookInput" in p]
    assert not stale_exemptions(root, exempt)


def test_the_lint_output_says_why_each_exemption_still_applies() -> None:
    assert still_applies(PROJECT_EXEMPTIONS) == [
        "users leaves out mutations (no graphql/mutations.py): "
        + PROJECT_EXEMPTIONS["users"]["mutations"]
    ]
