"""The Task targets the repository defines, and the ones CI runs.

Read from the Taskfiles (root and included) and from `.ci/run` and the `.ci/`
scripts it runs, so the checks need no `task` binary.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conformance.paths import REPOSITORY

CI_ENTRY = ".ci/run"
_CI_SCRIPT = re.compile(r"^\s*(?:bash|sh)\s+(\.ci/[\w.-]+)", re.MULTILINE)
_TASK_COMMAND = re.compile(r"(?:^|[\s;&|(])task\s+(?:-[\w-]+\s+)*([a-z][\w:-]*)")
_TASK_EXE = re.compile(r"\{\{\s*\.TASK_EXE\s*\}\}\s+([a-z][\w:-]*)")


@dataclass(frozen=True, slots=True)
class Task:
    """A task, and the namespace (`backend:`) its references are relative to."""

    namespace: str
    spec: dict[str, Any]


type Tasks = dict[str, Task]


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _namespaced(taskfile: Path, namespace: str) -> Iterator[tuple[str, Task]]:
    for name, spec in (_load(taskfile).get("tasks") or {}).items():
        body = spec if isinstance(spec, dict) else {"cmds": spec}
        yield f"{namespace}{name}", Task(namespace, body)


def all_tasks(repository: Path = REPOSITORY) -> Tasks:
    """Every task by its full name (`backend:lint`), internal ones included."""
    root = repository / "Taskfile.yml"
    tasks = dict(_namespaced(root, ""))
    for namespace, include in (_load(root).get("includes") or {}).items():
        path = include["taskfile"] if isinstance(include, dict) else include
        tasks.update(_namespaced(repository / path, f"{namespace}:"))
    return tasks


def public_targets(repository: Path = REPOSITORY) -> set[str]:
    """The targets a person may run: every task that is not internal."""
    return {
        name
        for name, task in all_tasks(repository).items()
        if not task.spec.get("internal")
    }


def _resolve(reference: str, namespace: str) -> str:
    return reference[1:] if reference.startswith(":") else f"{namespace}{reference}"


def _called(task: Task) -> Iterator[str]:
    deps = task.spec.get("deps") or []
    for dep in deps:
        name = dep.get("task") if isinstance(dep, dict) else dep
        yield _resolve(str(name), task.namespace)
    for command in task.spec.get("cmds") or []:
        if isinstance(command, dict) and "task" in command:
            yield _resolve(command["task"], task.namespace)
        else:
            text = command.get("cmd", "") if isinstance(command, dict) else command
            yield from _TASK_EXE.findall(str(text))


def task_commands(text: str) -> list[str]:
    """The targets of the `task ...` commands in shell text, comments skipped."""
    lines = (line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return [target for line in lines for target in _TASK_COMMAND.findall(line)]


def ci_scripts(repository: Path = REPOSITORY) -> list[str]:
    """`.ci/run` and the `.ci/` scripts it runs, however deep."""
    found, pending = [], [CI_ENTRY]
    while pending:
        script = pending.pop()
        if script not in found:
            found.append(script)
            text = (repository / script).read_text(encoding="utf-8")
            pending.extend(_CI_SCRIPT.findall(text))
    return found


def targets_run_by_ci(repository: Path = REPOSITORY) -> set[str]:
    """Every target the CI scripts run, directly or through other tasks."""
    tasks = all_tasks(repository)
    pending = [
        target
        for script in ci_scripts(repository)
        for target in task_commands((repository / script).read_text(encoding="utf-8"))
    ]
    reached: set[str] = set()
    while pending:
        target = pending.pop()
        if target in reached or target not in tasks:
            continue
        reached.add(target)
        pending.extend(_called(tasks[target]))
    return reached
