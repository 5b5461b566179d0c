"""Steps 5 and 6: every list is a keyset page, never an offset or a full load.

REST: no `.offset(`, `.slice(`, `OFFSET` or offset paginator anywhere in an
app, and each list handler answers the `Page` envelope through
`KeysetPaginator`. GraphQL: no `ListConnection` (it loads every row), and each
connection field reads its page with `keyset_slice` or `connection_of`.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import GRAPHQL, Exemptions, is_exempt
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import (
    DEFINITIONS,
    Module,
    decorator_names,
    full_name,
    lineage,
    module_of,
    resolve,
)
from scripts.conformance.tree import APPS, dotted_name, entity_apps, nodes

OFFSET_METHODS = frozenset({"offset", "slice"})
OFFSET_NAMES = frozenset(
    {
        "LimitOffset",
        "OffsetPagination",
        "AbstractAsyncOffsetPaginator",
        "AbstractSyncOffsetPaginator",
    }
)
_OFFSET_SQL = re.compile(r"\bOFFSET\b", re.IGNORECASE)
_SQL_WORDS = re.compile(r"\b(SELECT|LIMIT|FROM)\b", re.IGNORECASE)
PAGINATOR = "KeysetPaginator"
PAGE = "Page"
SLICERS = frozenset({"keyset_slice", "connection_of"})
LIST_CONNECTION = "ListConnection"
HTTP_GET = frozenset({"get", "route"})
_BARE_LISTS = frozenset({"list", "List", "Sequence", "tuple", "Iterable", "set"})


def _app_modules(root: Path, app: str) -> list[Path]:
    return sorted((root / APPS / app).rglob("*.py"))


def _offset_uses(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in nodes(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in OFFSET_METHODS:
                yield node.lineno, f".{node.func.attr}("
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in OFFSET_NAMES:
                yield node.lineno, name
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _OFFSET_SQL.search(node.value)
            and _SQL_WORDS.search(node.value)
        ):
            yield node.lineno, "SQL OFFSET"


def _enclosing(tree: ast.Module) -> dict[int, str]:
    """The `Class.method` each line belongs to, for messages."""
    owners: dict[int, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for node in (n for n in cls.body if isinstance(n, DEFINITIONS)):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                owners[line] = f"{cls.name}.{node.name}"
    return owners


def offset_paging(root: Path, _: Exemptions) -> list[Problem]:
    """No app pages by offset: no `.offset(`, `.slice(`, `OFFSET`, offset paginator."""
    problems = []
    for app in entity_apps(root):
        for path in _app_modules(root, app):
            tree = module_of(root, path).tree
            owners = _enclosing(tree)
            problems += [
                Problem(
                    6,
                    shown(root, path),
                    f"{owners.get(line, 'the module')} pages with {what}; "
                    f"read keyset pages through {PAGINATOR} (paging/rest.py)",
                    line,
                )
                for line, what in _offset_uses(tree)
            ]
    return problems


def _mentions(mod: Module, node: ast.AST, names: frozenset[str]) -> bool:
    return any(
        dotted_name(n).rpartition(".")[2] in names
        for n in ast.walk(node)
        if isinstance(n, ast.Name | ast.Attribute)
    )


def _goes_through(
    root: Path, mod: Module, node: ast.AST, names: frozenset[str]
) -> bool:
    """Whether `node`, or a tree function it calls (one level), mentions `names`."""
    if _mentions(mod, node, names):
        return True
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        found = resolve(root, full_name(mod, call.func))
        if found is not None and _mentions(found[0], found[1], names):
            return True
    return False


def _returned(node: ast.AST) -> str:
    annotation = getattr(node, "returns", None)
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return dotted_name(annotation).rpartition(".")[2] if annotation else ""


def _get_handlers(mod: Module) -> Iterator[tuple[ast.ClassDef, ast.AST]]:
    for cls in mod.tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        for node in cls.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                name.rpartition(".")[2] in HTTP_GET
                for name in decorator_names(mod, node)
            ):
                yield cls, node


def rest_lists(root: Path, _: Exemptions) -> list[Problem]:
    """Each REST list handler answers `Page[...]` built by `KeysetPaginator`."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "controllers.py"
        if not path.is_file():
            continue
        mod = module_of(root, path)
        for cls, handler in _get_handlers(mod):
            name = f"{cls.name}.{getattr(handler, 'name', '')}"
            returned = _returned(handler)
            line = getattr(handler, "lineno", None)
            if returned in _BARE_LISTS:
                problems.append(
                    Problem(
                        6,
                        shown(root, path),
                        f"{name} answers a bare {returned}; answer {PAGE}[...] "
                        f"through {PAGINATOR}",
                        line,
                    )
                )
            elif returned == PAGE and not _goes_through(
                root, mod, handler, frozenset({PAGINATOR})
            ):
                problems.append(
                    Problem(
                        6,
                        shown(root, path),
                        f"{name} builds its {PAGE} without {PAGINATOR}",
                        line,
                    )
                )
    return problems


def list_connections(root: Path, exemptions: Exemptions) -> list[Problem]:
    """No `ListConnection` anywhere in an app: it loads every row to slice them."""
    problems = []
    for app in entity_apps(root):
        for path in _app_modules(root, app):
            tree = module_of(root, path).tree
            problems += [
                Problem(
                    5,
                    shown(root, path),
                    f"uses {LIST_CONNECTION}, which loads every row; subclass "
                    "relay.Connection and read the page with keyset_slice",
                    node.lineno,
                )
                for node in nodes(tree)
                if isinstance(node, ast.Name | ast.Attribute)
                and dotted_name(node).rpartition(".")[2] == LIST_CONNECTION
            ]
    return problems


def _connection_classes(root: Path, app: str) -> set[str]:
    path = root / APPS / app / "graphql/types.py"
    if not path.is_file():
        return set()
    mod = module_of(root, path)
    return {
        cls.name
        for cls in mod.tree.body
        if isinstance(cls, ast.ClassDef)
        and lineage(root, mod, cls).inherits(
            "strawberry.relay.Connection", "Connection"
        )
    }


def connection_fields(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each query answering a connection reads it with the keyset slice helper."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "graphql/queries.py"
        if is_exempt(exemptions, app, GRAPHQL) or not path.is_file():
            continue
        connections = _connection_classes(root, app) | {"Connection"}
        mod = module_of(root, path)
        problems += [
            Problem(
                5,
                shown(root, path),
                f"{cls.name}.{node.name} answers a connection without "
                "keyset_slice or connection_of",
                node.lineno,
            )
            for cls in mod.tree.body
            if isinstance(cls, ast.ClassDef)
            for node in cls.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and _returned(node) in connections
            and not _goes_through(root, mod, node, SLICERS)
        ]
    return problems
