"""Count the SQL statements an engine runs and the rows they return; walk the
plans Postgres explains."""

import re
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Engine, Select, event, text
from sqlalchemy.ext.asyncio import AsyncSession

type StatementRecorder = Callable[[], AbstractContextManager[list[str]]]
"""The `sql_statements` fixture: `with sql_statements() as statements: ...`."""

# Test sessions nest in savepoints; production runs BEGIN/COMMIT instead.
_BOOKKEEPING = re.compile(
    r"\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.IGNORECASE
)


@contextmanager
def recording_statements(engine: Engine) -> Generator[list[str]]:
    """Collect, in a list, the statements `engine` runs inside the block."""
    statements: list[str] = []

    def record(
        _connection: object,
        _cursor: object,
        statement: str,
        _parameters: object,
        _context: object,
        _executemany: bool,
    ) -> None:
        if not _BOOKKEEPING.match(statement):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def recording_rows_read(engine: Engine) -> Generator[list[int]]:
    """Collect how many rows each statement `engine` runs inside the block
    returned (the driver's row count: -1 when it does not know)."""
    counts: list[int] = []

    def record(
        _connection: object,
        cursor: Any,
        statement: str,
        _parameters: object,
        _context: object,
        _executemany: bool,
    ) -> None:
        if not _BOOKKEEPING.match(statement):
            counts.append(cursor.rowcount)

    event.listen(engine, "after_cursor_execute", record)
    try:
        yield counts
    finally:
        event.remove(engine, "after_cursor_execute", record)


# The authentication middleware loads a bearer token's user before the handler.
BEARER_LOOKUP_TABLE = "user_account"


def after_the_bearer_lookup(statements: list[str]) -> list[str]:
    """The statements of a signed-in request after its bearer token's user lookup.

    The middleware runs that lookup first, on every request with a token
    (`backend.http.bearer`); what the handler itself ran follows it.
    """
    assert statements, "no statement: the bearer token's user was not looked up"
    assert BEARER_LOOKUP_TABLE in statements[0], statements
    return statements[1:]


def plan_nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Every node of an `EXPLAIN (FORMAT JSON)` plan, depth first."""
    nodes = [plan]
    for child in plan.get("Plans", []):
        nodes.extend(plan_nodes(child))
    return nodes


async def index_plan(
    session: AsyncSession, statement: Select[Any]
) -> list[dict[str, Any]]:
    """The plan nodes of `statement` with sequential scans, bitmap scans and
    sorts priced out: the plan shows whether an index serves it in order.

    Compiled for the session's own driver (`$n` parameters), so array casts
    and other typed parameters explain as they run.
    """
    for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
        await session.execute(text(f"SET LOCAL {setting} = off"))
    connection = await session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    names = compiled.positiontup or []
    result = await connection.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) {compiled}",
        tuple(compiled.params[name] for name in names),
    )
    (document,) = result.scalar_one()
    return plan_nodes(document["Plan"])
