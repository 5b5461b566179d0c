"""Parts of rule 001 an app may leave out on purpose, and the check that they still do.

`[tool.conformance.exempt.<app>]` in `pyproject.toml` maps a part to the reason:
`graphql` (no GraphQL types, resolvers or schema registration), `mutations`
(GraphQL reads only: no `graphql/mutations.py` nor `<Entity>Mutation` in the
root `Mutation`, no `<Entity>Input`) or `admin` (no admin view).
"""

import tomllib
from collections.abc import Mapping
from pathlib import Path

from scripts.conformance.problems import Problem
from scripts.conformance.tree import ADMIN_VIEWS, APPS, entities, entity_apps

type Exemptions = Mapping[str, Mapping[str, str]]

GRAPHQL = "graphql"
MUTATIONS = "mutations"
ADMIN = "admin"
PARTS = (GRAPHQL, MUTATIONS, ADMIN)
PYPROJECT = "pyproject.toml"


def is_exempt(exemptions: Exemptions, app: str, part: str | None) -> bool:
    """Whether `app` leaves out `part` (never, for `None`)."""
    return part is not None and part in exemptions.get(app, {})


def load_exemptions(pyproject: Path) -> Exemptions:
    """`[tool.conformance.exempt]` of a `pyproject.toml`: per app, parts and reasons."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return config.get("tool", {}).get("conformance", {}).get("exempt", {})


def _stale(root: Path, app: str, part: str, reason: object) -> str | None:
    if not str(reason).strip():
        return f"{app}.{part}: give the reason"
    if part not in PARTS:
        return f"{app}.{part}: parts are {PARTS}"
    if part == GRAPHQL and (root / APPS / app / "graphql").exists():
        return f"{app}.{part}: {APPS}/{app}/graphql exists; drop the exemption"
    if part == MUTATIONS and (root / APPS / app / "graphql/mutations.py").exists():
        return (
            f"{app}.{part}: {APPS}/{app}/graphql/mutations.py exists; "
            "drop the exemption"
        )
    if part == ADMIN and any(
        (root / ADMIN_VIEWS / f"{e.module}.py").exists()
        for e in entities(root)
        if e.app == app
    ):
        return f"{app}.{part}: {APPS}/{app} has an admin view; drop the exemption"
    return None


def _table_line(root: Path, app: str) -> int | None:
    path = root / "pyproject.toml"
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    header = f"[tool.conformance.exempt.{app}]"
    return next((n for n, line in enumerate(lines, 1) if line.strip() == header), None)


def stale_exemptions(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each exemption names an entity app, a part it still leaves out, and why."""
    problems = []
    apps = entity_apps(root)
    for app, parts in exemptions.items():
        line = _table_line(root, app)
        if app not in apps:
            problems.append(
                Problem("exemptions", PYPROJECT, f"{app!r} is no entity app", line)
            )
            continue
        problems += [
            Problem("exemptions", PYPROJECT, text, line)
            for part, reason in parts.items()
            if (text := _stale(root, app, part, reason)) is not None
        ]
    return problems


def still_applies(exemptions: Exemptions) -> list[str]:
    """One line per exemption: the part left out, why, and why it still holds.

    Only meaningful once `stale_exemptions` found nothing.
    """
    evidence = {
        GRAPHQL: "no graphql/ package",
        MUTATIONS: "no graphql/mutations.py",
        ADMIN: "no admin view module",
    }
    return [
        f"{app} leaves out {part} ({evidence.get(part, part)}): {reason}"
        for app, parts in sorted(exemptions.items())
        for part, reason in sorted(parts.items())
    ]
