"""Step 11: each admin view writes through its service and is exported as `view`.

starlette-admin's own create/edit/delete write the model directly, skipping
the service's rules and errors. A view either builds on the kit's
`ServiceModelView` (whose writes call the service) or overrides all three,
each calling `{Entity}Service`; an override never touches the session itself.
"""

import ast
from pathlib import Path

from scripts.conformance.exemptions import ADMIN, Exemptions, is_exempt
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import Lineage, Module, lineage, module_of
from scripts.conformance.tree import ADMIN_VIEWS, Entity, dotted_name, entities

SERVICE_VIEW = "ServiceModelView"
WRITES = ("create", "edit", "delete")
SESSION_WRITES = frozenset({"add", "add_all", "merge", "delete", "flush", "execute"})


def _exported_view(mod: Module) -> str | None:
    for node in mod.tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "view" for t in node.targets)
            and isinstance(node.value, ast.Name)
        ):
            return node.value.id
    return None


def _write_problem(found: Lineage, service: str, write: str) -> str | None:
    defined = found.method(write)
    on_service_view = found.inherits(SERVICE_VIEW)
    if defined is None or defined[0].name.endswith("kit.admin"):
        return (
            None
            if on_service_view
            else f"its {write} is starlette-admin's, which skips {service}"
        )
    body = defined[1]
    called = {dotted_name(n.func) for n in ast.walk(body) if isinstance(n, ast.Call)}
    direct = sorted(
        name
        for name in called
        if name.rpartition(".")[2] in SESSION_WRITES and "session" in name
    )
    if direct:
        return f"its {write} writes the session itself ({direct[0]}); call {service}"
    if service in {name.rpartition(".")[2] for name in called}:
        return None
    if on_service_view and _calls_super(body, write):
        return None
    return f"its {write} does not call {service}"


def _calls_super(body: ast.AST, write: str) -> bool:
    return any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == write
        and isinstance(n.func.value, ast.Call)
        and dotted_name(n.func.value.func) == "super"
        for n in ast.walk(body)
    )


def _view_problems(
    root: Path, entity: Entity, mod: Module
) -> list[tuple[int | None, str]]:
    name = _exported_view(mod)
    last = len(mod.path.read_text(encoding="utf-8").splitlines())
    if name is None:
        return [(last, f"does not export `view = {entity.name}AdminView`")]
    cls = mod.definition(name)
    if not isinstance(cls, ast.ClassDef):
        return [(last, f"`view` names {name}, not a class of this module")]
    found = lineage(root, mod, cls)
    service = f"{entity.name}Service"
    return [
        (cls.lineno, f"{cls.name}: {problem}")
        for write in WRITES
        if (problem := _write_problem(found, service, write)) is not None
    ]


def admin_views(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each entity's admin view exports `view` and writes through the service."""
    problems = []
    for entity in entities(root):
        path = root / ADMIN_VIEWS / f"{entity.module}.py"
        if is_exempt(exemptions, entity.app, ADMIN) or not path.is_file():
            continue
        problems += [
            Problem(11, shown(root, path), text, line)
            for line, text in _view_problems(root, entity, module_of(root, path))
        ]
    return problems
