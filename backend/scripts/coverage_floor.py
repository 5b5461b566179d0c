"""A coverage floor per app: fail when any app is below it, even if the total passes.

Run after `pytest --cov` (as `task backend:test` does): reads the `.coverage`
data with coverage's own API and reports each package under
`src/backend/apps/` on its own, with the floor of `[tool.coverage.report]
fail_under` unless `--floor` says otherwise. An app whose modules no test
imported counts as 0 %.

Usage: python -m scripts.coverage_floor [--floor PERCENT] [--data-file PATH]
"""

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import coverage
from coverage.exceptions import NoDataError

APPS = Path("src/backend/apps")


def apps_of(apps_dir: Path) -> list[str]:
    """The app packages under `apps_dir`, by name."""
    return sorted(p.parent.name for p in apps_dir.glob("*/__init__.py"))


def app_coverage(cov: coverage.Coverage, apps_dir: Path) -> dict[str, float]:
    """Each app's total coverage in percent (branches included when measured)."""
    percentages = {}
    for app in apps_of(apps_dir):
        pattern = str((apps_dir / app).resolve() / "*")
        try:
            percentages[app] = cov.report(include=[pattern], file=io.StringIO())
        except NoDataError:  # nothing of the app was measured at all
            percentages[app] = 0.0
    return percentages


def below_floor(percentages: Mapping[str, float], floor: float) -> list[str]:
    """One line per app under `floor`, naming it and its coverage."""
    return [
        f"app {app}: {percent:.1f}% < {floor:g}% (the per-app coverage floor)"
        for app, percent in sorted(percentages.items())
        if percent < floor
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Check every app against the floor; 1 when one is below it, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", type=float, default=None)
    parser.add_argument("--data-file", default=".coverage")
    args = parser.parse_args(argv)
    cov = coverage.Coverage(data_file=args.data_file)
    cov.load()
    floor = args.floor
    if floor is None:
        configured = cov.get_option("report:fail_under")
        floor = float(configured) if isinstance(configured, int | float) else 0.0
    percentages = app_coverage(cov, APPS)
    failures = below_floor(percentages, floor)
    for app, percent in sorted(percentages.items()):
        sys.stdout.write(f"app {app}: {percent:.1f}%\n")
    for failure in failures:
        sys.stderr.write(f"{failure}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
