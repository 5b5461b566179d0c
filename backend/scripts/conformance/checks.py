"""Every rule 001 check, and `run_checks` to run them all on a tree.

Each check takes the backend root (a directory laid out like `backend/`) and
the exemptions, and returns problems: one line each, naming the file and what
to change.
"""

from pathlib import Path
from typing import Protocol

from scripts.conformance.exemptions import (
    Exemptions,
    load_exemptions,
    stale_exemptions,
)
from scripts.conformance.names import layer_names, model_names, table_names
from scripts.conformance.sessions import session_use
from scripts.conformance.wiring import (
    admin_registry,
    migrations,
    required_files,
    schema_registration,
)

__all__ = (
    "CHECKS",
    "Check",
    "Exemptions",
    "admin_registry",
    "layer_names",
    "load_exemptions",
    "migrations",
    "model_names",
    "required_files",
    "run_checks",
    "schema_registration",
    "session_use",
    "stale_exemptions",
    "table_names",
)


class Check(Protocol):
    """A check: the problems it finds in the tree at `root`."""

    __name__: str

    def __call__(self, root: Path, exemptions: Exemptions, /) -> list[str]:
        """One line per problem; none when the tree conforms."""
        ...


CHECKS: tuple[Check, ...] = (
    required_files,
    model_names,
    layer_names,
    table_names,
    admin_registry,
    schema_registration,
    migrations,
    session_use,
    stale_exemptions,
)


def run_checks(root: Path, exemptions: Exemptions) -> list[str]:
    """Every problem every check finds in the tree at `root`."""
    return [problem for check in CHECKS for problem in check(root, exemptions)]
