"""Make a request fail between its write and its commit, as a crash there would.

A failure the database reports (a constraint, a timeout) aborts the
transaction, which then cannot commit. A failure in the application after a
successful write leaves a healthy transaction holding that write: only the
code that handles the failure can roll it back. These faults raise such a
failure from inside the SQL layer, at a chosen statement.
"""

import re
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Engine, event

_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Savepoints (the tests' commits) and transaction control: a fault there
# would hit the commit itself, not the work before it.
_TRANSACTION_CONTROL = re.compile(
    r"\s*(SAVEPOINT|RELEASE|ROLLBACK|COMMIT|BEGIN)\b", re.IGNORECASE
)


class InjectedFaultError(RuntimeError):
    """The failure a `StatementFault` raises."""


class FaultPoint(Enum):
    """Where the fault strikes, relative to the request's first write."""

    AFTER_THE_WRITE = "the write has run, before its result is read"
    NEXT_STATEMENT = "the next statement after the write, before the commit"


@dataclass
class StatementFault:
    """Whether the fault struck, and at which statement."""

    point: FaultPoint
    wrote: bool = False
    struck_at: str | None = None
    disarmed_by: str | None = None


@contextmanager
def failing_after_the_first_write(
    engine: Engine, point: FaultPoint
) -> Generator[StatementFault]:
    """Raise `InjectedFaultError` once, at `point`, in the block's first write.

    With `NEXT_STATEMENT`, a write followed directly by the commit leaves
    nothing to fail: the fault disarms and says so in `disarmed_by`.
    """
    fault = StatementFault(point)

    def before(
        _connection: object,
        _cursor: object,
        statement: str,
        _parameters: object,
        _context: object,
        _executemany: bool,
    ) -> None:
        if fault.struck_at or fault.disarmed_by or not fault.wrote:
            return
        if point is FaultPoint.NEXT_STATEMENT:
            if _TRANSACTION_CONTROL.match(statement):
                fault.disarmed_by = statement
                return
            fault.struck_at = statement
            raise InjectedFaultError(point.value)

    def after(
        _connection: object,
        _cursor: object,
        statement: str,
        _parameters: object,
        _context: object,
        _executemany: bool,
    ) -> None:
        if fault.wrote or not _WRITE.match(statement):
            return
        fault.wrote = True
        if point is FaultPoint.AFTER_THE_WRITE:
            fault.struck_at = statement
            raise InjectedFaultError(point.value)

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield fault
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
