"""Step 7: mutations run inside the rollback helper and write with `auto_commit=True`.

A GraphQL error still answers HTTP 200, which the session's commit-on-success
hook would commit: only `async with mutation_errors(session):` rolls a failed
mutation back. Inside it every service write commits itself
(`auto_commit=True`), so a later failure cannot take an earlier write with it.
Mutations are `@strawberry.mutation` methods and the attributes of a mutation
class, followed to the resolvers behind them (`factories.py`): the kit's
`mutations.create(...)` is checked on the resolver it defines.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import GRAPHQL, Exemptions, is_exempt
from scripts.conformance.factories import FUNCTIONS, Function, assigned, placed
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import Module, decorator_names, module_of
from scripts.conformance.tree import APPS, PACKAGE, dotted_name, entity_apps, nodes

ROLLBACK = "mutation_errors"
# The kit's service bases, whose writes every entity's service inherits.
KIT_SERVICES = PACKAGE / "kit/services.py"
# advanced-alchemy's service writes; the app's own are those taking `auto_commit`.
LIBRARY_WRITES = frozenset(
    {
        "create",
        "create_many",
        "update",
        "update_many",
        "upsert",
        "upsert_many",
        "delete",
        "delete_many",
        "delete_where",
    }
)


def _service_writes(root: Path, app: str) -> set[str]:
    """Methods of the app's services and the kit's bases that take `auto_commit`."""
    writes = set(LIBRARY_WRITES)
    for path in (root / APPS / app / "services.py", root / KIT_SERVICES):
        if not path.is_file():
            continue
        for node in nodes(module_of(root, path).tree):
            if isinstance(node, FUNCTIONS):
                arguments = node.args.args + node.args.kwonlyargs
                if any(argument.arg == "auto_commit" for argument in arguments):
                    writes.add(node.name)
    return writes


def _is_rollback(item: ast.withitem) -> bool:
    call = item.context_expr
    return isinstance(call, ast.Call) and dotted_name(call.func).endswith(ROLLBACK)


def _guarded(body: list[ast.stmt]) -> tuple[list[ast.stmt], list[ast.stmt]]:
    """(statements inside the rollback helper, statements outside it)."""
    inside: list[ast.stmt] = []
    outside: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, ast.AsyncWith) and any(
            _is_rollback(item) for item in statement.items
        ):
            inside += statement.body
        else:
            outside.append(statement)
    return inside, outside


def _awaited_calls(statements: list[ast.stmt]) -> Iterator[ast.Call]:
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Await) and isinstance(node.value, ast.Call):
                yield node.value


def _commits(call: ast.Call) -> bool:
    return any(
        k.arg == "auto_commit"
        and isinstance(k.value, ast.Constant)
        and k.value.value is True
        for k in call.keywords
    )


def _method(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _mutation_problems(node: Function, writes: set[str]) -> Iterator[tuple[int, str]]:
    inside, outside = _guarded(node.body[_docstring_length(node) :])
    if not inside:
        yield node.lineno, f"does not run its body inside `async with {ROLLBACK}(...)`"
    for call in _awaited_calls(outside):
        yield call.lineno, f"awaits {dotted_name(call.func)} outside {ROLLBACK}"
    for call in _awaited_calls(inside):
        if _method(call) in writes and not _commits(call):
            yield call.lineno, f"writes with {_method(call)} without auto_commit=True"


def _docstring_length(node: Function) -> int:
    first = node.body[0] if node.body else None
    return int(
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )


def _method_problems(
    mod: Module, cls: ast.ClassDef, writes: set[str]
) -> Iterator[tuple[int, str]]:
    for node in cls.body:
        if isinstance(node, FUNCTIONS) and any(
            name.endswith("mutation") for name in decorator_names(mod, node)
        ):
            for line, text in _mutation_problems(node, writes):
                yield line, f"{cls.name}.{node.name} {text}"


def _assigned_problems(
    root: Path, mod: Module, cls: ast.ClassDef, writes: set[str]
) -> Iterator[tuple[int, str]]:
    for attribute in assigned(root, mod, cls):
        if not attribute.handlers:
            yield (
                attribute.node.lineno,
                f"{attribute.label} is assigned a value the checker cannot follow "
                "to its resolver; assign a kit mutation (`mutations.create(...)`), "
                "pass `resolver=` a function of the tree, or write a method",
            )
        for handler in attribute.handlers:
            for line, text in _mutation_problems(handler.function, writes):
                at, where = placed(root, mod.path, attribute, handler.module, line)
                yield at, f"{attribute.label} ({handler.origin}) {text}{where}"


def mutation_rollback(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each mutation body runs in `mutation_errors`; its writes auto-commit.

    A mutation is a `@strawberry.mutation` method, or an attribute of the
    class followed to its resolvers (`factories.py`); an attribute the
    checker cannot follow is reported, so no mutation escapes the check.
    """
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "graphql/mutations.py"
        if is_exempt(exemptions, app, GRAPHQL) or not path.is_file():
            continue
        mod = module_of(root, path)
        writes = _service_writes(root, app)
        for cls in (n for n in mod.tree.body if isinstance(n, ast.ClassDef)):
            found = [
                *_method_problems(mod, cls, writes),
                *_assigned_problems(root, mod, cls, writes),
            ]
            problems += [
                Problem(7, shown(root, path), text, line) for line, text in found
            ]
    return problems
