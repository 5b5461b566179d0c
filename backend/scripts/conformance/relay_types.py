"""Steps 3 and 4: GraphQL types are Relay nodes with integer ids; inputs are inputs.

Read through the tree's base classes, so a kit base that subclasses
`relay.Node`, declares `id: relay.NodeID[int]` or defines `from_model`
counts for the types built on it.
"""

import ast
from pathlib import Path

from scripts.conformance.exemptions import GRAPHQL, Exemptions, is_exempt
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import (
    Module,
    decorator_names,
    full_name,
    lineage,
    module_of,
)
from scripts.conformance.tree import APPS, entity_apps

NODE = "strawberry.relay.Node"
CONNECTION = "strawberry.relay.Connection"
NODE_ID = "strawberry.relay.NodeID"
STRAWBERRY_TYPE = "strawberry.type"
STRAWBERRY_INPUT = "strawberry.input"


def _is_node_id_of_int(mod: Module, annotation: ast.expr) -> bool:
    return (
        isinstance(annotation, ast.Subscript)
        and full_name(mod, annotation.value).endswith(NODE_ID)
        and isinstance(annotation.slice, ast.Name)
        and annotation.slice.id == "int"
    )


def _type_problems(root: Path, mod: Module, cls: ast.ClassDef) -> list[str]:
    found = lineage(root, mod, cls)
    if found.inherits(CONNECTION, "Connection", "Edge", "PageInfo"):
        return []
    if not found.inherits(NODE):
        return [f"{cls.name} is not a relay.Node (global ids, node lookups)"]
    problems = []
    declared = found.annotation("id")
    if declared is None or not _is_node_id_of_int(*declared):
        problems.append(f"{cls.name}.id is not relay.NodeID[int]")
    if found.method("from_model") is None:
        problems.append(f"{cls.name} has no from_model (model -> type)")
    return problems


def _classes(mod: Module) -> list[ast.ClassDef]:
    return [n for n in mod.tree.body if isinstance(n, ast.ClassDef)]


def _decorated(mod: Module, cls: ast.ClassDef, name: str) -> bool:
    return any(d.endswith(name) for d in decorator_names(mod, cls))


def graphql_types(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each `@strawberry.type` of `types.py` (but connections) is a Relay node."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "graphql/types.py"
        if is_exempt(exemptions, app, GRAPHQL) or not path.is_file():
            continue
        mod = module_of(root, path)
        problems += [
            Problem(3, shown(root, path), text, cls.lineno)
            for cls in _classes(mod)
            if _decorated(mod, cls, STRAWBERRY_TYPE)
            for text in _type_problems(root, mod, cls)
        ]
    return problems


def graphql_inputs(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each input class of `inputs.py` is a `@strawberry.input`."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "graphql/inputs.py"
        if is_exempt(exemptions, app, GRAPHQL) or not path.is_file():
            continue
        mod = module_of(root, path)
        problems += [
            Problem(
                4,
                shown(root, path),
                f"{cls.name} is not a @strawberry.input",
                cls.lineno,
            )
            for cls in _classes(mod)
            if cls.name.endswith("Input") and not _decorated(mod, cls, STRAWBERRY_INPUT)
        ]
    return problems
