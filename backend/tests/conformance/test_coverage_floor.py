"""The per-app coverage floor (`scripts/coverage_floor.py`) on fabricated coverage data.

A tree of three apps, measured as a test run would leave it: one fully run,
one half run, one never imported. The total passes 50 %; the floor still
names each app below it.
"""

from pathlib import Path

import coverage
import pytest
from coverage import CoverageData

from scripts.coverage_floor import app_coverage, below_floor, main

MODULE = "".join(f"value_{n} = {n}\n" for n in range(10))


def fabricated_run(root: Path) -> Path:
    """Apps under `root/src/backend/apps`, and the `.coverage` a test run left."""
    apps = root / "src" / "backend" / "apps"
    measured: dict[str, set[int]] = {}
    for app, lines_run in (("tested", 10), ("half", 5), ("untested", 0)):
        package = apps / app
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "rules.py").write_text(MODULE)
        measured[str((package / "rules.py").resolve())] = set(range(1, lines_run + 1))
    data = CoverageData(basename=str(root / ".coverage"))
    data.add_lines(measured)
    data.write()
    return apps


def test_each_app_gets_its_own_percentage(tmp_path: Path) -> None:
    apps = fabricated_run(tmp_path)
    cov = coverage.Coverage(data_file=str(tmp_path / ".coverage"), config_file=False)
    cov.load()
    assert app_coverage(cov, apps) == {"half": 50.0, "tested": 100.0, "untested": 0.0}


def test_an_app_nothing_measured_counts_as_zero(tmp_path: Path) -> None:
    apps = fabricated_run(tmp_path)
    (apps / "new" / "__init__.py").parent.mkdir()
    (apps / "new" / "__init__.py").write_text("")
    cov = coverage.Coverage(data_file=str(tmp_path / ".coverage"), config_file=False)
    cov.load()
    assert app_coverage(cov, apps)["new"] == 0.0


def test_apps_below_the_floor_are_named() -> None:
    failures = below_floor({"books": 97.5, "users": 89.9, "reviews": 0.0}, 90)
    assert failures == [
        "app reviews: 0.0% < 90% (the per-app coverage floor)",
        "app users: 89.9% < 90% (the per-app coverage floor)",
    ]


def test_the_command_fails_when_one_app_is_below_the_floor_though_the_total_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fabricated_run(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["--floor", "50"]) == 1
    assert "app untested: 0.0% < 50%" in capsys.readouterr().err
    assert main(["--floor", "0"]) == 0
