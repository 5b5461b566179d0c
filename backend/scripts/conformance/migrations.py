"""Step 13: a revision creates each table; each downgrade undoes its upgrade.

Matched by name: every `op.create_table`, `create_index`, `add_column`,
`create_unique_constraint`, `create_check_constraint`, `create_foreign_key`
and `execute("CREATE ...")` in `upgrade()` has its inverse in `downgrade()`.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import Exemptions
from scripts.conformance.problems import Problem, shown
from scripts.conformance.tree import MIGRATIONS, dotted_name, entities, parse

_CREATE_SQL = re.compile(
    r"^\s*CREATE\s+(?:UNIQUE\s+)?(?P<kind>[A-Z]+)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(?:CONCURRENTLY\s+)?(?P<name>[\w.\"]+)",
    re.IGNORECASE,
)
_DROP_SQL = re.compile(
    r"^\s*DROP\s+(?P<kind>[A-Z]+)\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?"
    r"(?P<name>[\w.\"]+)",
    re.IGNORECASE,
)
# create operation -> (its inverse, the kind both act on)
INVERSES = {
    "create_table": ("drop_table", "table"),
    "create_index": ("drop_index", "index"),
    "add_column": ("drop_column", "column"),
    "create_unique_constraint": ("drop_constraint", "constraint"),
    "create_check_constraint": ("drop_constraint", "constraint"),
    "create_foreign_key": ("drop_constraint", "constraint"),
    "create_primary_key": ("drop_constraint", "constraint"),
}
_DROPS = dict(INVERSES.values())


type Loops = dict[str, str]


def _constant(node: ast.expr | None, loops: Loops | None = None) -> str | None:
    """The string `node` spells: a constant, `op.f(...)` of one, or an f-string
    over the variables of enclosing `for` loops (bound in `loops`)."""
    if isinstance(node, ast.Call) and dotted_name(node.func).endswith("op.f"):
        node = node.args[0] if node.args else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and loops and node.id in loops:
        return loops[node.id]
    if isinstance(node, ast.JoinedStr):
        parts = [
            _constant(v.value if isinstance(v, ast.FormattedValue) else v, loops)
            for v in node.values
        ]
        return None if None in parts else "".join(p or "" for p in parts)
    return None


def _bindings(statement: ast.stmt, loops: Loops) -> Iterator[Loops]:
    """Each binding of the loop variables inside `statement` (one when no loop)."""
    if not (isinstance(statement, ast.For) and isinstance(statement.target, ast.Name)):
        yield loops
        return
    items = (
        statement.iter.elts if isinstance(statement.iter, ast.Tuple | ast.List) else []
    )
    values = [_constant(item) for item in items]
    for value in values if values and None not in values else [None]:
        yield {**loops, statement.target.id: value} if value else loops


def _calls(body: list[ast.stmt], loops: Loops) -> Iterator[tuple[ast.Call, Loops]]:
    """Each call in `body`, with the loop variables bound where loops are unrolled."""
    for statement in body:
        for bound in _bindings(statement, loops):
            if isinstance(statement, ast.For):
                yield from _calls(statement.body, bound)
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Call):
                    yield node, bound


def _argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _column_name(call: ast.Call, loops: Loops) -> str | None:
    column = _argument(call, 1, "column")
    if isinstance(column, ast.Call) and column.args:
        return _constant(column.args[0], loops)
    return None


def _operations(function: ast.FunctionDef) -> Iterator[tuple[str, str | None, int]]:
    """(kind, name, line) of each schema operation in an upgrade or downgrade."""
    for call, loops in _calls(function.body, {}):
        if dotted_name(call.func).startswith("op."):
            yield from _operation(call, loops)


def _operation(call: ast.Call, loops: Loops) -> Iterator[tuple[str, str | None, int]]:
    operation = dotted_name(call.func).rpartition(".")[2]
    if operation == "execute":
        sql = _constant(_argument(call, 0, "sqltext"), loops) or ""
        for pattern, verb in ((_CREATE_SQL, "create"), (_DROP_SQL, "drop")):
            if found := pattern.match(sql):
                name = found["name"].strip('"').lower()
                yield f"{verb} {found['kind'].lower()}", name, call.lineno
    elif operation in {"add_column", "drop_column"}:
        table = _constant(_argument(call, 0, "table_name"), loops)
        column = (
            _column_name(call, loops)
            if operation == "add_column"
            else _constant(_argument(call, 1, "column_name"), loops)
        )
        verb = "create" if operation == "add_column" else "drop"
        yield f"{verb} column", f"{table}.{column}", call.lineno
    elif operation in INVERSES:
        yield f"create {INVERSES[operation][1]}", _name_of(call, loops), call.lineno
    elif operation in _DROPS:
        yield f"drop {_DROPS[operation]}", _name_of(call, loops), call.lineno


def _name_of(call: ast.Call, loops: Loops) -> str | None:
    name = _argument(call, 0, "name") or _argument(call, 0, "constraint_name")
    return _constant(name, loops)


def _function(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    return next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name),
        None,
    )


def _revisions(root: Path) -> list[Path]:
    return sorted((root / MIGRATIONS).glob("*.py"))


def _undo_problems(tree: ast.Module) -> Iterator[tuple[int, str]]:
    upgrade, downgrade = _function(tree, "upgrade"), _function(tree, "downgrade")
    if upgrade is None or downgrade is None:
        yield 1, "has no upgrade() or no downgrade()"
        return
    dropped = {
        (kind.removeprefix("drop "), name)
        for kind, name, _ in _operations(downgrade)
        if kind.startswith("drop ")
    }
    for kind, name, line in _operations(upgrade):
        if not kind.startswith("create "):
            continue
        created = kind.removeprefix("create ")
        if (created, name) not in dropped:
            yield line, f"downgrade() does not undo {kind} {name!r} (drop it by name)"


def downgrades(root: Path, _: Exemptions) -> list[Problem]:
    """Each `downgrade()` drops, by name, everything its `upgrade()` creates."""
    return [
        Problem(13, shown(root, path), text, line)
        for path in _revisions(root)
        for line, text in _undo_problems(parse(path))
    ]


def _created_tables(root: Path) -> set[str]:
    return {
        name
        for path in _revisions(root)
        if (upgrade := _function(parse(path), "upgrade")) is not None
        for kind, name, _ in _operations(upgrade)
        if kind == "create table" and name
    }


def tables_created(root: Path, _: Exemptions) -> list[Problem]:
    """Some revision in `migrations/versions` creates each entity's table."""
    created = _created_tables(root)
    return [
        Problem(
            13,
            str(MIGRATIONS),
            f"no revision creates table {entity.table!r} ({entity.name}Model); run "
            f"`task backend:migrations:make -- 'create {entity.table} table'`",
        )
        for entity in entities(root)
        if entity.table not in created
    ]
