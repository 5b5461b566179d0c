"""Steps 5 and 6, read off whole modules: no offset paging, no `ListConnection`.

Each app's modules are read, and the kit's and the paging package's: every
app's lists run there (`kit/rest.py`, `kit/queries.py`), so an offset in
them breaks every list at once.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import Exemptions
from scripts.conformance.factories import FUNCTIONS
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import DEFINITIONS, module_of
from scripts.conformance.tree import APPS, PACKAGE, dotted_name, entity_apps, nodes

# Where every app's lists are read: the kit's handlers and the keyset pager.
SHARED = (PACKAGE / "kit", PACKAGE / "paging")
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
LIST_CONNECTION = "ListConnection"


def _scanned(root: Path) -> list[Path]:
    """Each entity app's modules, then the kit's and the paging package's."""
    folders = [root / APPS / app for app in entity_apps(root)]
    folders += [root / folder for folder in SHARED if (root / folder).is_dir()]
    return [path for folder in folders for path in sorted(folder.rglob("*.py"))]


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
    """The `Class.method` or module function each line belongs to, for messages."""
    owners: dict[int, str] = {}
    for top in tree.body:
        if isinstance(top, ast.ClassDef):
            named = [
                (f"{top.name}.{n.name}", n)
                for n in top.body
                if isinstance(n, DEFINITIONS)
            ]
        else:
            named = [(top.name, top)] if isinstance(top, FUNCTIONS) else []
        for name, node in named:
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                owners[line] = name
    return owners


def offset_paging(root: Path, _: Exemptions) -> list[Problem]:
    """No app, nor the kit or paging, pages by offset: no `.offset(`, `.slice(`,
    SQL `OFFSET` or offset paginator."""
    problems = []
    for path in _scanned(root):
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


def list_connections(root: Path, _: Exemptions) -> list[Problem]:
    """No `ListConnection` in an app, the kit or paging: it loads every row."""
    problems = []
    for path in _scanned(root):
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
