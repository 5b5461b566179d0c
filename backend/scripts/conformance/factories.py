"""Class attributes built by a call, and the functions that answer for them.

A controller, query or mutation class may assign a handler instead of writing
a method: `list_books = rest.list_handler(...)` or
`create_book: BookType = mutations.create(...)`. The checks follow the call one
level, the way `paging._goes_through` follows a call: when it names a function
of the tree (a factory), the functions that factory defines in its own body
are the handlers; failing those, the tree functions passed to the call
(`resolver=_create` of `strawberry.mutation`). An attribute with neither is
not followed, and each check says what that means for it.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.conformance.problems import shown
from scripts.conformance.sources import Module, full_name, resolve

type Function = ast.FunctionDef | ast.AsyncFunctionDef
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True, slots=True)
class Handler:
    """A function answering for an attribute, and the name messages show for it."""

    module: Module
    function: Function
    origin: str  # `backend.kit.mutations.create` for its inner resolver


@dataclass(frozen=True, slots=True)
class Attribute:
    """`name = call(...)` or `name: T = value` in a class body, followed one call."""

    cls: ast.ClassDef
    node: ast.Assign | ast.AnnAssign
    name: str
    factory: tuple[Module, Function] | None
    handlers: tuple[Handler, ...]

    @property
    def label(self) -> str:
        """`BookMutation.create_book`."""
        return f"{self.cls.name}.{self.name}"

    @property
    def annotation(self) -> ast.expr | None:
        """`T` of `name: T = ...`; None when the attribute is not annotated."""
        return self.node.annotation if isinstance(self.node, ast.AnnAssign) else None


type Assignment = tuple[ast.Assign | ast.AnnAssign, str, ast.expr]


def _assignment(node: ast.stmt) -> Assignment | None:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name):
            return node, target.id, node.value
    if (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
    ):
        return node, node.target.id, node.value
    return None


def _passed_functions(root: Path, mod: Module, call: ast.Call) -> Iterator[Handler]:
    for argument in (*call.args, *(k.value for k in call.keywords)):
        if not isinstance(argument, ast.Name | ast.Attribute):
            continue
        name = full_name(mod, argument)
        found = resolve(root, name)
        if found is not None and isinstance(found[1], FUNCTIONS):
            yield Handler(found[0], found[1], name)


def _follow(
    root: Path, mod: Module, value: ast.expr
) -> tuple[tuple[Module, Function] | None, tuple[Handler, ...]]:
    if not isinstance(value, ast.Call):
        return None, ()
    name = full_name(mod, value.func)
    found = resolve(root, name)
    factory = None
    handlers: list[Handler] = []
    if found is not None and isinstance(found[1], FUNCTIONS):
        factory = found[0], found[1]
        handlers += [
            Handler(found[0], node, name)
            for node in found[1].body
            if isinstance(node, FUNCTIONS)
        ]
    if not handlers:
        handlers += _passed_functions(root, mod, value)
    return factory, tuple(handlers)


def assigned(root: Path, mod: Module, cls: ast.ClassDef) -> list[Attribute]:
    """The attributes `cls` assigns a value (not a constant), each followed."""
    attributes = []
    for statement in cls.body:
        found = _assignment(statement)
        if found is None:
            continue
        node, name, value = found
        if isinstance(value, ast.Constant) or name.startswith("__"):
            continue
        factory, handlers = _follow(root, mod, value)
        attributes.append(Attribute(cls, node, name, factory, handlers))
    return attributes


def placed(
    root: Path, path: Path, attribute: Attribute, module: Module, line: int
) -> tuple[int, str]:
    """Where a fault at `line` of `module` is shown in `path` (the app's file).

    In that file, at its own line; elsewhere (the kit), at the attribute's
    line, with ` (file:line)` to add to the message.
    """
    if module.path == path.resolve():
        return line, ""
    where = shown(root.resolve(), module.path)
    return attribute.node.lineno, f" ({where}:{line})"
