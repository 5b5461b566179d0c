"""The backend tree as the checks see it: apps, entities, classes (read with `ast`)."""

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE = Path("src/backend")
APPS = PACKAGE / "apps"
ADMIN_VIEWS = PACKAGE / "admin/views"
ROOT_SCHEMA = PACKAGE / "schema.py"
MIGRATIONS = Path("migrations/versions")
MODEL_SUFFIX = "Model"

_WORD_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    """`BookReview` -> `book_review`."""
    return _WORD_BOUNDARY.sub("_", name).lower()


@dataclass(frozen=True, slots=True)
class Entity:
    """One `{Entity}Model` class: its app and its table."""

    name: str
    app: str
    table: str | None

    @property
    def module(self) -> str:
        """The entity's module name, as in `admin/views/{module}.py`."""
        return snake_case(self.name)


def parse(path: Path) -> ast.Module:
    """The syntax tree of a Python file (the same text is parsed once)."""
    return _parse(path.read_text(encoding="utf-8"))


@cache
def _parse(source: str) -> ast.Module:
    # Shared by every file with this text: the checks never change a tree.
    return ast.parse(source)


@cache
def nodes(tree: ast.Module) -> tuple[ast.AST, ...]:
    """Every node of `tree` (`ast.walk`, once per tree)."""
    return tuple(ast.walk(tree))


def top_level_classes(path: Path) -> dict[str, ast.ClassDef]:
    """The classes a module defines at its top level, by name."""
    return {
        node.name: node for node in parse(path).body if isinstance(node, ast.ClassDef)
    }


def string_assigned(body: list[ast.stmt], name: str) -> str | None:
    """The string constant assigned to `name` in `body`, if any."""
    for node in body:
        target, value = _assignment(node)
        if target == name and isinstance(value, ast.Constant):
            return value.value if isinstance(value.value, str) else None
    return None


def value_assigned(body: list[ast.stmt], name: str) -> ast.expr | None:
    """The expression assigned to `name` in `body`, if any."""
    for node in body:
        target, value = _assignment(node)
        if target == name:
            return value
    return None


def assigned_line(body: list[ast.stmt], name: str, default: int = 1) -> int:
    """The line where `body` assigns `name` (`default` when it does not)."""
    for node in body:
        if _assignment(node)[0] == name:
            return node.lineno
    return default


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def dotted_name(node: ast.expr) -> str:
    """`book.view` for an attribute chain of names, `BookQuery` for a name."""
    if isinstance(node, ast.Attribute):
        return f"{dotted_name(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def base_names(cls: ast.ClassDef) -> set[str]:
    """The last part of each base class's name."""
    return {dotted_name(base).rpartition(".")[2] for base in cls.bases}


def entity_apps(root: Path) -> list[str]:
    """Apps with a `models.py`: each is an entity app that rule 001 governs."""
    apps = root / APPS
    if not apps.is_dir():
        return []
    return sorted(p.parent.name for p in apps.glob("*/models.py"))


def mapped_classes(root: Path, app: str) -> list[ast.ClassDef]:
    """The classes of an app's `models.py` that set `__tablename__`."""
    classes = top_level_classes(root / APPS / app / "models.py").values()
    return [cls for cls in classes if string_assigned(cls.body, "__tablename__")]


def entities(root: Path) -> list[Entity]:
    """Every `{Entity}Model` of every entity app."""
    return [
        Entity(
            name=cls.name.removesuffix(MODEL_SUFFIX),
            app=app,
            table=string_assigned(cls.body, "__tablename__"),
        )
        for app in entity_apps(root)
        for cls in mapped_classes(root, app)
        if cls.name.endswith(MODEL_SUFFIX) and cls.name != MODEL_SUFFIX
    ]
