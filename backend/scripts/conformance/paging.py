"""Steps 5 and 6: each list handler and connection field reads a keyset page.

REST: each list handler answers the `Page` envelope through `KeysetPaginator`.
GraphQL: each connection field reads its page with `keyset_slice` or
`connection_of`. Both hold for methods and for class attributes built by the
kit (`list_books = rest.list_handler(...)`), followed one call deep
(`factories.py`). The scans of whole modules are in `list_scans.py`.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import GRAPHQL, Exemptions, is_exempt
from scripts.conformance.factories import FUNCTIONS, Attribute, assigned, placed
from scripts.conformance.list_scans import PAGINATOR
from scripts.conformance.problems import Problem, shown
from scripts.conformance.sources import (
    Module,
    decorator_names,
    full_name,
    lineage,
    module_of,
    resolve,
)
from scripts.conformance.tree import APPS, dotted_name, entity_apps

PAGE = "Page"
SLICERS = frozenset({"keyset_slice", "connection_of"})
HTTP_GET = frozenset({"get", "route"})
_BARE_LISTS = frozenset({"list", "List", "Sequence", "tuple", "Iterable", "set"})


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


def _type_name(annotation: ast.expr | None) -> str:
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return dotted_name(annotation).rpartition(".")[2] if annotation else ""


def _returned(node: ast.AST) -> str:
    return _type_name(getattr(node, "returns", None))


def _list_problem(name: str, returned: str, through_paginator: bool) -> str | None:
    if returned in _BARE_LISTS:
        return (
            f"{name} answers a bare {returned}; answer {PAGE}[...] through {PAGINATOR}"
        )
    if returned == PAGE and not through_paginator:
        return f"{name} builds its {PAGE} without {PAGINATOR}"
    return None


def _method_lists(root: Path, mod: Module) -> Iterator[tuple[int, str]]:
    for cls in (n for n in mod.tree.body if isinstance(n, ast.ClassDef)):
        for node in cls.body:
            if isinstance(node, FUNCTIONS) and any(
                name.rpartition(".")[2] in HTTP_GET
                for name in decorator_names(mod, node)
            ):
                through = _goes_through(root, mod, node, frozenset({PAGINATOR}))
                text = _list_problem(
                    f"{cls.name}.{node.name}", _returned(node), through
                )
                if text is not None:
                    yield node.lineno, text


def _answers(attribute: Attribute) -> str:
    """What a followed handler answers: its annotation, or the factory's
    `returns=` (the kit sets the handler's annotations that way)."""
    returned = {_returned(h.function) for h in attribute.handlers}
    if attribute.factory is not None:
        returned |= {
            _type_name(k.value)
            for k in ast.walk(attribute.factory[1])
            if isinstance(k, ast.keyword) and k.arg == "returns"
        }
    if returned & _BARE_LISTS:
        return sorted(returned & _BARE_LISTS)[0]
    if PAGE in returned or (
        attribute.factory is not None
        and _mentions(*attribute.factory, frozenset({PAGE}))
    ):
        return PAGE
    return ""


def _attribute_lists(root: Path, mod: Module) -> Iterator[tuple[int, str]]:
    for cls in (n for n in mod.tree.body if isinstance(n, ast.ClassDef)):
        for attribute in assigned(root, mod, cls):
            returned = _answers(attribute)
            if attribute.factory is None or not returned:
                continue
            factory_mod, factory = attribute.factory
            if returned in _BARE_LISTS and not _goes_through(
                root, factory_mod, factory, HTTP_GET
            ):
                continue  # a list answered by a POST, PATCH...
            through = _goes_through(root, factory_mod, factory, frozenset({PAGINATOR}))
            origin = f"{factory_mod.name}.{factory.name}"
            text = _list_problem(f"{attribute.label} ({origin})", returned, through)
            if text is not None:
                line, where = placed(
                    root, mod.path, attribute, factory_mod, factory.lineno
                )
                yield line, text + where


def rest_lists(root: Path, _: Exemptions) -> list[Problem]:
    """Each REST list handler answers `Page[...]` built by `KeysetPaginator`."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "controllers.py"
        if not path.is_file():
            continue
        mod = module_of(root, path)
        found = [*_method_lists(root, mod), *_attribute_lists(root, mod)]
        problems += [Problem(6, shown(root, path), text, line) for line, text in found]
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


def _annotated(annotation: ast.expr | None) -> set[str]:
    """The last part of each name in an annotation (`BookConnection | None`)."""
    if annotation is None:
        return set()
    return {
        dotted_name(n).rpartition(".")[2]
        for n in ast.walk(annotation)
        if isinstance(n, ast.Name | ast.Attribute)
    }


def _connection_problems(
    root: Path, mod: Module, cls: ast.ClassDef, connections: set[str]
) -> Iterator[tuple[int, str]]:
    without = "answers a connection without keyset_slice or connection_of"
    for node in cls.body:
        if (
            isinstance(node, FUNCTIONS)
            and _returned(node) in connections
            and not _goes_through(root, mod, node, SLICERS)
        ):
            yield node.lineno, f"{cls.name}.{node.name} {without}"
    for attribute in assigned(root, mod, cls):
        if not _annotated(attribute.annotation) & connections:
            continue
        if not attribute.handlers:
            yield (
                attribute.node.lineno,
                f"{attribute.label} answers a connection through a value the "
                "checker cannot follow to its resolver; assign "
                "`queries.connection(...)` or write a method",
            )
        for handler in attribute.handlers:
            if not _goes_through(root, handler.module, handler.function, SLICERS):
                line, where = placed(
                    root, mod.path, attribute, handler.module, handler.function.lineno
                )
                yield line, f"{attribute.label} ({handler.origin}) {without}{where}"


def connection_fields(root: Path, exemptions: Exemptions) -> list[Problem]:
    """Each query answering a connection reads it with the keyset slice helper."""
    problems = []
    for app in entity_apps(root):
        path = root / APPS / app / "graphql/queries.py"
        if is_exempt(exemptions, app, GRAPHQL) or not path.is_file():
            continue
        connections = _connection_classes(root, app) | {"Connection"}
        mod = module_of(root, path)
        for cls in (n for n in mod.tree.body if isinstance(n, ast.ClassDef)):
            problems += [
                Problem(5, shown(root, path), text, line)
                for line, text in _connection_problems(root, mod, cls, connections)
            ]
    return problems
