"""Wiring: rule 001's files; each entity in the schema, the context and the admin."""

import ast
from pathlib import Path

from scripts.conformance.exemptions import (
    ADMIN,
    GRAPHQL,
    MUTATIONS,
    Exemptions,
    is_exempt,
)
from scripts.conformance.problems import Problem
from scripts.conformance.tree import (
    ADMIN_VIEWS,
    APPS,
    PACKAGE,
    ROOT_SCHEMA,
    assigned_line,
    base_names,
    dotted_name,
    entities,
    entity_apps,
    nodes,
    parse,
    top_level_classes,
    value_assigned,
)

APP_FILES = ("__init__.py", "models.py", "services.py")
GRAPHQL_FILES = tuple(
    f"graphql/{name}.py"
    for name in ("__init__", "types", "inputs", "queries", "mutations")
)
# What a GraphQL that only reads leaves out: nothing to write, nothing to send.
WRITE_FILES = ("graphql/inputs.py", "graphql/mutations.py")


def _graphql_files(exemptions: Exemptions, app: str) -> tuple[str, ...]:
    if is_exempt(exemptions, app, GRAPHQL):
        return ()
    if is_exempt(exemptions, app, MUTATIONS):
        return tuple(name for name in GRAPHQL_FILES if name not in WRITE_FILES)
    return GRAPHQL_FILES


def _root_types(exemptions: Exemptions, app: str) -> tuple[str, ...]:
    """The root types an app's GraphQL adds fields to: `Query`, `Mutation`."""
    if is_exempt(exemptions, app, GRAPHQL):
        return ()
    if is_exempt(exemptions, app, MUTATIONS):
        return ("Query",)
    return ("Query", "Mutation")


CONTEXT = PACKAGE / "graphql/context.py"
REGISTRY = ADMIN_VIEWS / "__init__.py"


def required_files(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each entity app has rule 001's files, and each entity an admin view module."""
    problems = []
    for app in entity_apps(root):
        problems += [
            Problem("files", f"{APPS}/{app}/{name}", "is missing")
            for name in (*APP_FILES, *_graphql_files(exemptions, app))
            if not (root / APPS / app / name).is_file()
        ]
    problems += [
        Problem(
            11,
            f"{ADMIN_VIEWS}/{entity.module}.py",
            f"is missing: {entity.name}Model needs its {entity.name}AdminView",
        )
        for entity in entities(root)
        if not is_exempt(exemptions, entity.app, ADMIN)
        and not (root / ADMIN_VIEWS / f"{entity.module}.py").is_file()
    ]
    return problems


def _registry_line(root: Path) -> int | None:
    registry = root / REGISTRY
    return (
        assigned_line(parse(registry).body, "ADMIN_VIEWS")
        if registry.is_file()
        else None
    )


def _admin_views(root: Path) -> set[str]:
    registry = root / REGISTRY
    if not registry.is_file():
        return set()
    listed = value_assigned(parse(registry).body, "ADMIN_VIEWS")
    if not isinstance(listed, ast.List | ast.Tuple):
        return set()
    return {dotted_name(element) for element in listed.elts}


def admin_registry(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Every entity's admin view is listed in `ADMIN_VIEWS` (rule 001 step 12)."""
    listed, line = _admin_views(root), _registry_line(root)
    return [
        Problem(
            12,
            str(REGISTRY),
            f"ADMIN_VIEWS lacks {entity.module}.view ({entity.name}AdminView)",
            line,
        )
        for entity in entities(root)
        if not is_exempt(exemptions, entity.app, ADMIN)
        and not {f"{entity.module}.view", f"{entity.name}AdminView"} & listed
    ]


def schema_registration(root: Path, exemptions: Exemptions) -> list[Problem]:
    """The root `Query` and `Mutation` inherit every app's (rule 001 step 9)."""
    path = root / ROOT_SCHEMA
    classes = top_level_classes(path) if path.is_file() else {}
    problems = []
    for entity in entities(root):
        for root_type in _root_types(exemptions, entity.app):
            cls = classes.get(root_type)
            wanted = f"{entity.name}{root_type}"
            if cls is None or wanted not in base_names(cls):
                problems.append(
                    Problem(
                        9,
                        str(ROOT_SCHEMA),
                        f"the root {root_type} does not inherit {wanted}",
                        None if cls is None else cls.lineno,
                    )
                )
    return problems


def _exported(tree: ast.Module) -> set[str]:
    listed = value_assigned(tree.body, "__all__")
    if not isinstance(listed, ast.List | ast.Tuple):
        return set()
    return {
        e.value
        for e in listed.elts
        if isinstance(e, ast.Constant) and isinstance(e.value, str)
    }


def _bound(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom | ast.Import):
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
    return names


def graphql_exports(root: Path, exemptions: Exemptions) -> list[Problem]:
    """`apps/<app>/graphql/__init__.py` exports the app's Query and Mutation."""
    problems = []
    for entity in entities(root):
        path = root / APPS / entity.app / "graphql/__init__.py"
        root_types = _root_types(exemptions, entity.app)
        if not root_types or not path.is_file():
            continue
        tree = parse(path)
        exported, bound = _exported(tree), _bound(tree)
        problems += [
            Problem(
                8,
                f"{APPS}/{entity.app}/graphql/__init__.py",
                f"does not export {name} (import it and list it in __all__)",
                assigned_line(tree.body, "__all__"),
            )
            for name in (f"{entity.name}{root_type}" for root_type in root_types)
            if name not in exported or name not in bound
        ]
    return problems


def _context_line(tree: ast.Module, fields: bool) -> int:
    """The context class's line (for a missing field), or its getter's."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef) == fields and isinstance(
            node, ast.ClassDef | ast.FunctionDef
        ):
            return node.lineno
    return 1


def _context_fields(tree: ast.Module) -> set[str]:
    return {
        dotted_name(node.annotation).rpartition(".")[2]
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.AnnAssign)
    }


def _constructed(tree: ast.Module) -> set[str]:
    return {
        dotted_name(node.func).rpartition(".")[2]
        for node in nodes(tree)
        if isinstance(node, ast.Call)
    }


def context_services(root: Path, exemptions: Exemptions) -> list[Problem]:
    """The GraphQL context holds each app's service, built on the request's session."""
    path = root / CONTEXT
    tree = parse(path) if path.is_file() else ast.Module(body=[], type_ignores=[])
    fields, built = _context_fields(tree), _constructed(tree)
    problems = []
    for entity in entities(root):
        service = f"{entity.name}Service"
        if is_exempt(exemptions, entity.app, GRAPHQL):
            continue
        if service not in fields:
            problems.append(
                Problem(
                    10,
                    str(CONTEXT),
                    f"the context has no field of type {service}",
                    _context_line(tree, fields=True),
                )
            )
        elif service not in built:
            problems.append(
                Problem(
                    10,
                    str(CONTEXT),
                    f"the context getter never builds {service}",
                    _context_line(tree, fields=False),
                )
            )
    return problems
