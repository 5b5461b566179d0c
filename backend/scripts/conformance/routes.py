"""REST controllers: each `Controller` of `apps/<app>/controllers.py` is served.

The only check that runs the code: it builds the app the way a test does
(test settings, a database URL nobody listens on; building connects to
nothing) and compares the handlers of each app's controllers with the
handlers of `app.routes`. A controller that is defined but never reaches a
route handler list, however the lists are composed, is reported.

`python -m scripts.conformance.routes ROOT...` does this for several trees in
one process: it imports the third-party libraries the trees import once, then
forks one child per tree, which imports that tree's `backend` and answers
one JSON line. The parent process of the checker reads those lines.
"""

import ast
import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.conformance.exemptions import Exemptions
from scripts.conformance.problems import Problem
from scripts.conformance.tree import APPS, PACKAGE, entity_apps, top_level_classes

# The settings the app is built with: test mode, nothing reachable.
BUILD_SETTINGS = {
    "app_env": "test",
    "database_url": "postgresql+asyncpg://conformance@127.0.0.1:9/conformance",
    "secret_key": "conformance-check-secret-key-0000000000000000",
    "allowed_hosts": ["testserver"],
}

type Report = dict[str, Any]


def _third_party(src: Path) -> set[str]:
    names = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
    return {n for n in names if n.partition(".")[0] != "backend"}


def _preload(src: Path) -> None:
    """Import what the tree imports, once: each forked child only imports `backend`."""
    for name in sorted(_third_party(src)):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112  (only a head start; the child imports for real)
            continue


def _handler_functions(owner: object) -> Iterator[object]:
    from litestar.handlers import BaseRouteHandler  # noqa: PLC0415  (after the fork)

    for name in dir(owner):
        value = getattr(owner, name, None)
        if isinstance(value, BaseRouteHandler):
            yield value.fn


def _served_functions(app: Any) -> set[int]:
    served = set()
    for route in app.routes:
        handlers = getattr(route, "route_handlers", None) or [route.route_handler]
        # A controller's handlers are served bound to an instance of it.
        served |= {id(getattr(h.fn, "__func__", h.fn)) for h in handlers}
    return served


def _inspect(src: Path, apps: list[str]) -> Report:
    """Build the tree's app and list the controllers it does not serve."""
    sys.path.insert(0, str(src))
    from litestar import Controller  # noqa: PLC0415  (after the fork)

    settings = importlib.import_module("backend.settings")
    factory = importlib.import_module("backend.app")
    app = factory.create_app(settings.Settings.model_validate(BUILD_SETTINGS))
    served = _served_functions(app)
    unserved = []
    for app_name in apps:
        name = f"backend.apps.{app_name}.controllers"
        controllers = importlib.import_module(name)
        unserved += [
            [app_name, cls.__name__]
            for cls in vars(controllers).values()
            if isinstance(cls, type)
            and issubclass(cls, Controller)
            and cls.__module__ == name
            and any(id(fn) not in served for fn in _handler_functions(cls))
        ]
    return {"unserved": unserved}


def _child(root: Path) -> None:
    apps = [
        a for a in entity_apps(root) if (root / APPS / a / "controllers.py").is_file()
    ]
    try:
        report = _inspect(root / PACKAGE.parent, apps)
    except Exception as exc:  # noqa: BLE001  (reported, whatever the tree broke)
        report = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps({"root": str(root), **report}) + "\n")
    sys.stdout.flush()


def main(roots: list[str]) -> int:
    """Report on each tree, one JSON line each, from one forked child per tree."""
    paths = [Path(root).resolve() for root in roots]
    if paths:
        _preload(paths[0] / PACKAGE)
    for path in paths:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(path)
            os._exit(0)
        os.waitpid(pid, 0)
    return 0


def inspect_apps(roots: list[Path]) -> dict[Path, Report]:
    """Per tree: the controllers `create_app` leaves out, or why it failed."""
    if not roots:
        return {}
    result = subprocess.run(  # noqa: S603  (our own interpreter and module)
        [sys.executable, "-m", "scripts.conformance.routes", *map(str, roots)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    reports = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            report = json.loads(line)
            reports[Path(report.pop("root"))] = report
    missing = {"error": f"the app could not be inspected: {result.stderr[-2000:]}"}
    return {root: reports.get(root.resolve(), missing) for root in roots}


def route_problems(root: Path, report: Report) -> list[Problem]:
    """The problems one tree's report shows."""
    if "error" in report:
        return [
            Problem(
                "controllers",
                f"{PACKAGE}/app.py",
                f"create_app could not be built with test settings: {report['error']}",
            )
        ]
    problems = []
    for app, name in report["unserved"]:
        path = APPS / app / "controllers.py"
        cls = top_level_classes(root / path).get(name)
        problems.append(
            Problem(
                "controllers",
                str(path),
                f"{name} is not registered: no route of create_app's app serves "
                f"its handlers (add it to route_handlers in {PACKAGE}/app.py)",
                None if cls is None else cls.lineno,
            )
        )
    return problems


def controllers_registered(root: Path, _: Exemptions) -> list[Problem]:
    """Every controller of every app is served by the app `create_app` builds."""
    return route_problems(root, inspect_apps([root])[root])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
