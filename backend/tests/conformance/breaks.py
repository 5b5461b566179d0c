"""Single breaks of rule 001 (fixtures/rule_001_breaks.toml), applied to copies."""

import ast
import shutil
import textwrap
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conformance.paths import BACKEND

BREAKS_FILE = Path(__file__).resolve().parent / "fixtures" / "rule_001_breaks.toml"
COPIED = ("src", "migrations", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Break:
    """One break: its edits, the strings one reported problem must hold, and
    whether only building the app shows it."""

    name: str
    edits: tuple[dict[str, Any], ...]
    expect: tuple[str, ...]
    build: bool = False


def load_breaks() -> list[Break]:
    """Every break of the fixture file, in order."""
    document = tomllib.loads(BREAKS_FILE.read_text(encoding="utf-8"))
    return [
        Break(
            name=entry["name"],
            edits=tuple(entry["edit"]),
            expect=tuple(entry["expect"]),
            build=entry.get("build", False),
        )
        for entry in document["break"]
    ]


def copy_backend(target: Path) -> Path:
    """A copy of the parts of this backend the checker reads; returns its root."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in COPIED:
        source = BACKEND / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def _insert_into_class(source: str, class_name: str, code: str) -> str:
    classes = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.ClassDef) and node.name == class_name
    ]
    assert classes, f"no class {class_name}"
    lines = source.splitlines(keepends=True)
    end = classes[-1].end_lineno or len(lines)
    indented = textwrap.indent(textwrap.dedent(code), " " * 4)
    return "".join([*lines[:end], indented, *lines[end:]])


def apply_edit(root: Path, edit: dict[str, Any]) -> None:
    """Apply one edit; an edit that no longer fits the code fails loudly."""
    path = root / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return
    if "append" in edit:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(existing + edit["append"], encoding="utf-8")
        return
    source = path.read_text(encoding="utf-8")
    if "into_class" in edit:
        changed = _insert_into_class(source, edit["into_class"], edit["insert"])
    else:
        assert edit["find"] in source, f"{edit['file']}: {edit['find']!r} not found"
        changed = source.replace(edit["find"], edit["replace"], 1)
    path.write_text(changed, encoding="utf-8")


def broken_copy(target: Path, broken: Break) -> Path:
    """A copy of this backend with `broken`'s edits applied; returns its root."""
    root = copy_backend(target)
    for edit in broken.edits:
        apply_edit(root, edit)
    return root


def caught(broken: Break, problems: list[str]) -> bool:
    """Whether one of `problems` holds every string `broken` expects."""
    return any(all(text in problem for text in broken.expect) for problem in problems)
