"""The tree's modules by dotted name, and what their names resolve to (with `ast`).

The checks follow names the way Python would: `relay.Node` in a module that
did `from strawberry import relay` is `strawberry.relay.Node`; a base class
imported from `backend.kit...` is read from the tree, so a kit base that
subclasses `relay.Node` or defines `from_model` counts as if written in place.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from scripts.conformance.tree import PACKAGE, dotted_name, parse

PACKAGE_NAME = "backend"
_MAX_DEPTH = 8

type Definition = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True, slots=True)
class Module:
    """A parsed module of the tree and the names its imports bind."""

    name: str
    path: Path
    tree: ast.Module
    imports: dict[str, str] = field(hash=False)

    def definition(self, name: str) -> Definition | None:
        """The top-level class or function `name` (the last one, as Python keeps)."""
        found = None
        for node in self.tree.body:
            if isinstance(node, DEFINITIONS) and node.name == name:
                found = node
        return found


def _imports(name: str, tree: ast.Module, is_package: bool) -> dict[str, str]:
    bound: dict[str, str] = {}
    package = name if is_package else name.rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.partition(".")[0]
                bound[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = package.rsplit(".", node.level - 1)[0]
                source = f"{base}.{source}" if source else base
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{source}.{alias.name}"
    return bound


def _load(path: Path, name: str) -> Module:
    tree = parse(path)
    return _module(name, path, tree)


@cache
def _module(name: str, path: Path, tree: ast.Module) -> Module:
    return Module(name, path, tree, _imports(name, tree, path.name == "__init__.py"))


def module(root: Path, name: str) -> Module | None:
    """The tree's module `backend.x.y` (a `.py` file or a package), if it exists."""
    relative = Path(*name.split("."))
    for candidate in (relative.with_suffix(".py"), relative / "__init__.py"):
        path = root / PACKAGE.parent / candidate
        if path.is_file():
            return _load(path.resolve(), name)
    return None


def module_of(root: Path, path: Path) -> Module:
    """The parsed module at `path`, a file of the tree."""
    relative = path.resolve().relative_to((root / PACKAGE.parent).resolve())
    parts = relative.with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return _load(path.resolve(), name)


def full_name(mod: Module, expr: ast.expr) -> str:
    """What `expr` (a name or attribute chain) names, fully qualified."""
    dotted = dotted_name(expr)
    head, _, rest = dotted.partition(".")
    if head in mod.imports:
        base = mod.imports[head]
    elif mod.definition(head) is not None:
        base = f"{mod.name}.{head}"
    else:
        return dotted
    return f"{base}.{rest}" if rest else base


def resolve(root: Path, name: str, depth: int = 0) -> tuple[Module, Definition] | None:
    """The class or function a fully qualified `backend...` name denotes, if any."""
    if not name.startswith(f"{PACKAGE_NAME}.") or depth > _MAX_DEPTH:
        return None
    owner_name, _, attr = name.rpartition(".")
    owner = module(root, owner_name)
    if owner is None:
        return None
    found = owner.definition(attr)
    if found is not None:
        return owner, found
    if attr in owner.imports:  # a re-export
        return resolve(root, owner.imports[attr], depth + 1)
    return None


def _base_expr(base: ast.expr) -> ast.expr:
    return base.value if isinstance(base, ast.Subscript) else base


@dataclass(frozen=True, slots=True)
class Lineage:
    """A class and its ancestors: those in the tree, and the outside ones by name."""

    classes: tuple[tuple[Module, ast.ClassDef], ...]
    outside: frozenset[str]

    def inherits(self, *names: str) -> bool:
        """Whether an ancestor is one of `names` (fully qualified or last part)."""
        ancestors = self.outside | {
            f"{mod.name}.{cls.name}" for mod, cls in self.classes[1:]
        }
        short = {n.rpartition(".")[2] for n in ancestors}
        return any(n in ancestors or n in short for n in names)

    def method(self, name: str) -> tuple[Module, Definition] | None:
        """Where the nearest class of the lineage defines `name`."""
        for mod, cls in self.classes:
            for node in reversed(cls.body):
                if isinstance(node, DEFINITIONS) and node.name == name:
                    return mod, node
        return None

    def annotation(self, name: str) -> tuple[Module, ast.expr] | None:
        """The annotation of attribute `name` in the nearest class that declares it."""
        for mod, cls in self.classes:
            for node in cls.body:
                if (
                    isinstance(node, ast.AnnAssign)
                    and isinstance(node.target, ast.Name)
                    and node.target.id == name
                ):
                    return mod, node.annotation
        return None


def lineage(root: Path, mod: Module, cls: ast.ClassDef) -> Lineage:
    """`cls` and its ancestors, read across the tree's modules."""
    classes: list[tuple[Module, ast.ClassDef]] = []
    outside: set[str] = set()
    pending = [(mod, cls)]
    while pending and len(classes) < _MAX_DEPTH * 4:
        current_mod, current = pending.pop(0)
        classes.append((current_mod, current))
        for base in current.bases:
            name = full_name(current_mod, _base_expr(base))
            found = resolve(root, name)
            if found is not None and isinstance(found[1], ast.ClassDef):
                pending.append((found[0], found[1]))
            else:
                outside.add(name)
    return Lineage(tuple(classes), frozenset(outside))


def calls(node: ast.AST) -> Iterator[ast.Call]:
    """Every call inside `node`."""
    return (n for n in ast.walk(node) if isinstance(n, ast.Call))


def decorator_names(mod: Module, node: Definition) -> set[str]:
    """The fully qualified names of a definition's decorators (called or not)."""
    return {
        full_name(mod, d.func if isinstance(d, ast.Call) else d)
        for d in node.decorator_list
    }
