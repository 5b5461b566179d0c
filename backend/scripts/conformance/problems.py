"""A problem the checker reports: the rule 001 step, where, what to change."""

from dataclasses import dataclass
from pathlib import Path

GUIDE = "docs/walkthrough.md#adding-an-entity"

# Rule 001's steps, as the messages name them; the unnumbered parts by topic.
STEPS = {
    "files": "file structure",
    "naming": "naming table",
    "controllers": "REST controllers",
    "thin": "thin handlers",
    "exemptions": "exemptions",
    1: "model",
    2: "service",
    3: "GraphQL type",
    4: "GraphQL input",
    5: "GraphQL query",
    6: "REST list pagination",
    7: "GraphQL mutation",
    8: "GraphQL exports",
    9: "schema registration",
    10: "service in the GraphQL context",
    11: "admin view",
    12: "admin registration",
    13: "migration",
}


def step_label(step: int | str) -> str:
    """`step 6 (REST list pagination)`, or `rule 001 naming table` for the rest."""
    if isinstance(step, int):
        return f"step {step} ({STEPS[step]})"
    return f"rule 001 {STEPS[step]}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken part of rule 001, in one file (and line, when known)."""

    step: int | str
    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{step_label(self.step)}: {where}: {self.message} (see {GUIDE})"


def shown(root: Path, path: Path) -> str:
    """`path` as the messages show it: relative to the backend root."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
