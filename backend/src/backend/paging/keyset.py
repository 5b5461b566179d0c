"""The keyset (seek) pagination core shared by REST and GraphQL.

A page is `WHERE (key, id) > (:last_key, :last_id) ORDER BY key, id LIMIT n + 1`:
page 10 000 costs what page 1 costs, and rows inserted while a client pages
are neither repeated nor skipped. Reading backwards (GraphQL `last`/`before`)
flips the comparison and the order, then restores the order of the rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, literal_column, tuple_
from sqlalchemy.orm import QueryableAttribute

type SortValue = str | int | date | datetime | None

_NULL_FILL = {
    False: literal_column("'infinity'"),
    True: literal_column("'-infinity'"),
}


def nulls_last_key(
    column: ColumnElement[Any] | QueryableAttribute[Any], *, descending: bool
) -> ColumnElement[Any]:
    """Sort key of a nullable date column that puts NULLs last in either direction.

    Indexes on this expression make the NULLS LAST order a plain index scan.
    """
    fill = _NULL_FILL[descending]
    return func.coalesce(column, fill.cast(column.type))


@dataclass(frozen=True, slots=True)
class Position:
    """Where a page ends: the sort key of its last row and that row's id."""

    value: SortValue
    id: int


class SortOrder:
    """One supported order: a column, its direction, and where NULLs go.

    Ties are broken by `id_column`, in the same direction, so the order is total.
    """

    __slots__ = ("column", "descending", "id_column", "name", "nulls_last")

    def __init__(
        self,
        *,
        name: str,
        column: QueryableAttribute[Any],
        id_column: QueryableAttribute[int],
        descending: bool = False,
        nulls_last: bool = False,
    ) -> None:
        self.name = name
        self.column = column
        self.id_column = id_column
        self.descending = descending
        self.nulls_last = nulls_last

    def key(self, value: ColumnElement[Any] | None = None) -> ColumnElement[Any]:
        """The expression rows are ordered by, or `value` made comparable to it."""
        target = self.column.expression if value is None else value
        if self.nulls_last:
            return nulls_last_key(target, descending=self.descending)
        return target

    @property
    def value_type(self) -> object:
        """The Python type of this order's cursor values (for decoding them)."""
        return self.column.type.python_type | None

    def position_of(self, row: object) -> Position:
        """The position just after `row` in this order."""
        return Position(getattr(row, self.column.key), getattr(row, self.id_column.key))


@dataclass(frozen=True, slots=True)
class KeysetPage[T]:
    """Rows of one page and whether more rows follow in the reading direction."""

    items: list[T]
    has_more: bool


def seek[T: Select[Any]](
    statement: T,
    order: SortOrder,
    *,
    after: Position | None,
    limit: int,
    backward: bool = False,
) -> T:
    """Restrict `statement` to `limit + 1` rows after `after` in `order`.

    With `backward`, the rows come before `after`, nearest first; `page()`
    puts them back in `order`.
    """
    descending = order.descending != backward
    key = order.key()
    if after is not None:
        bound = order.key(literal(after.value, order.column.type))
        row, cursor_row = tuple_(key, order.id_column), tuple_(bound, literal(after.id))
        statement = statement.where(
            row < cursor_row if descending else row > cursor_row
        )
    if descending:
        statement = statement.order_by(key.desc(), order.id_column.desc())
    else:
        statement = statement.order_by(key.asc(), order.id_column.asc())
    return statement.limit(limit + 1)


def page[T](rows: Sequence[T], *, limit: int, backward: bool = False) -> KeysetPage[T]:
    """Cut the `limit + 1` rows `seek()` fetched into a page, in the order."""
    items = list(rows[:limit])
    if backward:
        items.reverse()
    return KeysetPage(items=items, has_more=len(rows) > limit)
