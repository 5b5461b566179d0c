"""Wiring checks: the files rule 001 asks for, and each entity registered everywhere."""

import ast
from pathlib import Path

from scripts.conformance.exemptions import ADMIN, GRAPHQL, Exemptions, is_exempt
from scripts.conformance.tree import (
    ADMIN_VIEWS,
    APPS,
    MIGRATIONS,
    ROOT_SCHEMA,
    base_names,
    dotted_name,
    entities,
    entity_apps,
    parse,
    top_level_classes,
    value_assigned,
)

APP_FILES = ("__init__.py", "models.py", "services.py")
GRAPHQL_FILES = tuple(
    f"graphql/{name}.py"
    for name in ("__init__", "types", "inputs", "queries", "mutations")
)


def required_files(root: Path, exemptions: Exemptions) -> list[str]:
    """Each entity app has rule 001's files, and each entity an admin view module."""
    problems = []
    for app in entity_apps(root):
        graphql = () if is_exempt(exemptions, app, GRAPHQL) else GRAPHQL_FILES
        problems += [
            f"apps/{app}/{name} is missing (rule 001 file structure)"
            for name in (*APP_FILES, *graphql)
            if not (root / APPS / app / name).is_file()
        ]
    problems += [
        f"admin/views/{entity.module}.py is missing: {entity.name}Model needs "
        f"its {entity.name}AdminView (rule 001 step 11)"
        for entity in entities(root)
        if not is_exempt(exemptions, entity.app, ADMIN)
        and not (root / ADMIN_VIEWS / f"{entity.module}.py").is_file()
    ]
    return problems


def _admin_views(root: Path) -> set[str]:
    registry = root / ADMIN_VIEWS / "__init__.py"
    if not registry.is_file():
        return set()
    listed = value_assigned(parse(registry).body, "ADMIN_VIEWS")
    if not isinstance(listed, ast.List | ast.Tuple):
        return set()
    return {dotted_name(element) for element in listed.elts}


def admin_registry(root: Path, exemptions: Exemptions) -> list[str]:
    """Every entity's admin view is listed in `ADMIN_VIEWS` (rule 001 step 12)."""
    listed = _admin_views(root)
    return [
        f"admin/views/__init__.py: ADMIN_VIEWS lacks {entity.module}.view "
        f"({entity.name}AdminView)"
        for entity in entities(root)
        if not is_exempt(exemptions, entity.app, ADMIN)
        and not {f"{entity.module}.view", f"{entity.name}AdminView"} & listed
    ]


def schema_registration(root: Path, exemptions: Exemptions) -> list[str]:
    """The root `Query` and `Mutation` inherit every app's (rule 001 step 9)."""
    path = root / ROOT_SCHEMA
    classes = top_level_classes(path) if path.is_file() else {}
    problems = []
    for entity in entities(root):
        if is_exempt(exemptions, entity.app, GRAPHQL):
            continue
        for root_type in ("Query", "Mutation"):
            cls = classes.get(root_type)
            wanted = f"{entity.name}{root_type}"
            if cls is None or wanted not in base_names(cls):
                problems.append(
                    f"schema.py: the root {root_type} does not inherit {wanted}"
                )
    return problems


def _created_tables(root: Path) -> set[str]:
    created = set()
    for path in sorted((root / MIGRATIONS).glob("*.py")):
        for node in ast.walk(parse(path)):
            if (
                isinstance(node, ast.Call)
                and dotted_name(node.func).endswith("op.create_table")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                created.add(str(node.args[0].value))
    return created


def migrations(root: Path, _: Exemptions) -> list[str]:
    """Some revision in `migrations/versions` creates each entity's table."""
    created = _created_tables(root)
    return [
        f"migrations/versions: no revision creates table {entity.table!r} "
        f"({entity.name}Model); run `task backend:migrations:make -- "
        f"'create {entity.table} table'`"
        for entity in entities(root)
        if entity.table not in created
    ]
