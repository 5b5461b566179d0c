"""Controllers and resolvers leave the database session to the services."""

import ast
from collections.abc import Iterator
from pathlib import Path

from scripts.conformance.exemptions import Exemptions
from scripts.conformance.problems import Problem, shown
from scripts.conformance.tree import APPS, dotted_name, entity_apps, nodes, parse

SESSION_NAMES = frozenset({"db_session", "session"})
SESSION_HANDLER = "mutation_errors"


def _session_uses(tree: ast.Module) -> Iterator[int]:
    handed_over = {
        id(argument)
        for node in nodes(tree)
        if isinstance(node, ast.Call) and dotted_name(node.func) == SESSION_HANDLER
        for argument in node.args
    }
    for node in nodes(tree):
        name = node.attr if isinstance(node, ast.Attribute) else None
        name = node.id if isinstance(node, ast.Name) else name
        if name in SESSION_NAMES and id(node) not in handed_over:
            yield getattr(node, "lineno", 0)


def session_use(root: Path, _: Exemptions) -> list[Problem]:
    """Controllers and resolvers leave the session to services.

    The one exception is rule 001 step 7: a mutation hands the request's
    session to `mutation_errors`, which rolls it back when the service fails.
    """
    problems = []
    for app in entity_apps(root):
        app_dir = root / APPS / app
        modules = [app_dir / "controllers.py", *sorted(app_dir.glob("graphql/*.py"))]
        for path in (p for p in modules if p.is_file()):
            problems += [
                Problem(
                    "thin",
                    shown(root, path),
                    "touches the session; call the service instead "
                    f"(a mutation only hands it to {SESSION_HANDLER})",
                    line,
                )
                for line in _session_uses(parse(path))
            ]
    return problems
