"""Parts of rule 001 an app may leave out on purpose, and the check that they still do.

`[tool.conformance.exempt.<app>]` in `pyproject.toml` maps a part to the reason:
`graphql` (no GraphQL types, resolvers or schema registration) or `admin` (no
admin view).
"""

import tomllib
from collections.abc import Mapping
from pathlib import Path

from scripts.conformance.tree import ADMIN_VIEWS, APPS, entities, entity_apps

type Exemptions = Mapping[str, Mapping[str, str]]

GRAPHQL = "graphql"
ADMIN = "admin"
PARTS = (GRAPHQL, ADMIN)


def is_exempt(exemptions: Exemptions, app: str, part: str | None) -> bool:
    """Whether `app` leaves out `part` (never, for `None`)."""
    return part is not None and part in exemptions.get(app, {})


def load_exemptions(pyproject: Path) -> Exemptions:
    """`[tool.conformance.exempt]` of a `pyproject.toml`: per app, parts and reasons."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return config.get("tool", {}).get("conformance", {}).get("exempt", {})


def stale_exemptions(root: Path, exemptions: Exemptions) -> list[str]:
    """Each exemption names an entity app, a part it still leaves out, and why."""
    problems = []
    apps = entity_apps(root)
    for app, parts in exemptions.items():
        if app not in apps:
            problems.append(f"exemption for {app!r}: no such entity app")
            continue
        for part, reason in parts.items():
            if not str(reason).strip():
                problems.append(f"exemption {app}.{part}: give the reason")
            if part not in PARTS:
                problems.append(f"exemption {app}.{part}: parts are {PARTS}")
            elif part == GRAPHQL and (root / APPS / app / "graphql").exists():
                problems.append(f"apps/{app}/graphql exists: drop its exemption")
            elif part == ADMIN and any(
                (root / ADMIN_VIEWS / f"{e.module}.py").exists()
                for e in entities(root)
                if e.app == app
            ):
                problems.append(f"apps/{app} has an admin view: drop its exemption")
    return problems
