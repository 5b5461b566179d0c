"""Every rule 001 check, and `run_checks` to run them on a tree.

Each check takes the backend root (a directory laid out like `backend/`) and
the exemptions, and returns `Problem`s naming the step, the file and line and
what to change. All but one read the source with `ast`; `controllers_registered`
builds the app (`routes.py`), so `run_checks(..., build=False)` skips it.
"""

from pathlib import Path
from typing import Protocol

from scripts.conformance.admin import admin_views
from scripts.conformance.domain import model_bases, service_shape
from scripts.conformance.exemptions import (
    Exemptions,
    load_exemptions,
    stale_exemptions,
)
from scripts.conformance.list_scans import list_connections, offset_paging
from scripts.conformance.migrations import downgrades, tables_created
from scripts.conformance.mutations import mutation_rollback
from scripts.conformance.names import layer_names, model_names, table_names
from scripts.conformance.paging import connection_fields, rest_lists
from scripts.conformance.problems import Problem
from scripts.conformance.relay_types import graphql_inputs, graphql_types
from scripts.conformance.routes import controllers_registered
from scripts.conformance.sessions import session_use
from scripts.conformance.wiring import (
    admin_registry,
    context_services,
    graphql_exports,
    required_files,
    schema_registration,
)

__all__ = (
    "BUILD_CHECKS",
    "STATIC_CHECKS",
    "Check",
    "Exemptions",
    "Problem",
    "load_exemptions",
    "run_checks",
)


class Check(Protocol):
    """A check: the problems it finds in the tree at `root`."""

    __name__: str

    def __call__(self, root: Path, exemptions: Exemptions, /) -> list[Problem]:
        """One problem per break; none when the tree conforms."""
        ...


STATIC_CHECKS: tuple[Check, ...] = (
    required_files,
    model_names,
    layer_names,
    table_names,
    model_bases,
    service_shape,
    graphql_types,
    graphql_inputs,
    list_connections,
    connection_fields,
    offset_paging,
    rest_lists,
    mutation_rollback,
    graphql_exports,
    schema_registration,
    context_services,
    admin_views,
    admin_registry,
    tables_created,
    downgrades,
    session_use,
    stale_exemptions,
)
BUILD_CHECKS: tuple[Check, ...] = (controllers_registered,)


def run_checks(
    root: Path, exemptions: Exemptions, *, build: bool = True
) -> list[Problem]:
    """Every problem the checks find in the tree at `root`.

    `build=False` leaves out the one check that builds the app.
    """
    checks = STATIC_CHECKS + (BUILD_CHECKS if build else ())
    return [problem for check in checks for problem in check(root, exemptions)]
