"""Service bases every entity's service extends: row writes and keyset listing.

- `EntityService`: create, change and delete one row, each value cleaned by
  the entity's field declarations (`fields`), in a way that stays correct when
  requests race on it (`kit.row_writes`); look rows up by ids in one query.
- `KeysetListMixin`: one keyset page of a listing in ONE statement that reads
  plain columns (no ORM object loading), driven by a `ListQuery` (filters,
  order, cursor scope), and the `KeysetPager` REST and GraphQL page it with;
  `list_pages_for` reads one such page for each of many parents (a book's
  reviews, for every book of a page) in ONE statement too.
- `keyset_sorts` and `Listing`: an entity's sorts (a `StrEnum`, `-` for
  descending) and the `ListQuery` of a filter and a sort.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar, Protocol

from advanced_alchemy.base import ModelProtocol
from advanced_alchemy.exceptions import wrap_sqlalchemy_exception
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    cast,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY

from backend.kit.fields import Fields
from backend.kit.row_writes import delete_row, lock_row
from backend.paging.cursors import CursorCodec, query_scope
from backend.paging.keyset import KeysetPage, Position, SortOrder, page, seek
from backend.paging.pager import KeysetPager

# A filtered page reads at least this many rows. For a page of one or two the
# planner, which expects a filter to match a few rows, prefers walking the
# sort index until it meets them: when nothing matches, that reads every
# row. Asked for 20, it looks them up in the filter's index.
FILTERED_MIN_FETCH = 20


class ListQuery(Protocol):
    """What a listing shows: its filters, its order, and the scope its cursors
    are bound to (a cursor replayed with other filters or order is refused)."""

    @property
    def order(self) -> SortOrder:
        """The keyset order."""
        ...

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for the filters that are set."""
        ...

    def scope(self) -> str:
        """A digest of the filters and order (`paging.cursors.query_scope`)."""
        ...


class Filter(Protocol):
    """The filters of a listing, as SQL conditions."""

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for the filters that are set."""
        ...


@dataclass(frozen=True, slots=True)
class NoFilter:
    """A listing that is not filtered."""

    def clauses(self) -> list[ColumnElement[bool]]:
        """No condition."""
        return []


_ORDERS: dict[tuple[type[StrEnum], str], SortOrder] = {}


def keyset_sorts[S: type[StrEnum]](model: type[Any]) -> Callable[[S], S]:
    """Class decorator of an entity's sorts: each value names a column of
    `model` (a leading `-` sorts it descending; ties are broken by id; a
    nullable column sorts its nulls last). `order_of` reads the order."""

    def register(sorts: S) -> S:
        for sort in sorts:
            name = sort.value.removeprefix("-")
            _ORDERS[sorts, sort.value] = SortOrder(
                name=sort.value,
                column=getattr(model, name),
                id_column=model.id,
                descending=sort.value.startswith("-"),
                nulls_last=bool(model.__table__.c[name].nullable),
            )
        return sorts

    return register


def order_of(sort: StrEnum) -> SortOrder:
    """The keyset order of a sort registered by `keyset_sorts`."""
    return _ORDERS[type(sort), sort.value]


@dataclass(frozen=True)
class Listing[S: StrEnum, F: Filter]:
    """A `ListQuery` of a filter and a sort; an entity's subclass gives the
    defaults (`filter: BookFilter = BookFilter()`, `sort: BookSort = ...`)."""

    filter: F
    sort: S

    @property
    def order(self) -> SortOrder:
        """The keyset order of `sort`."""
        return order_of(self.sort)

    def clauses(self) -> list[ColumnElement[bool]]:
        """SQL conditions for the filters that are set."""
        return self.filter.clauses()

    def scope(self) -> str:
        """The scope cursors of this listing are bound to."""
        return query_scope(self)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who writes: the signed-in user's id and whether they are a superuser.

    The transports build it from the authenticated user (`Actor.of`); a
    service that guards rows by owner asks it (`owns`).
    """

    user_id: int
    is_superuser: bool = False

    @classmethod
    def of(cls, user: Any) -> "Actor":
        """The actor of an authenticated user (any object with `id` and
        `is_superuser`: the users app's model)."""
        return cls(user_id=user.id, is_superuser=user.is_superuser)

    def owns(self, owner_id: int | None) -> bool:
        """Whether this user may change a row owned by `owner_id` (a
        superuser may change every row, nobody else an ownerless one)."""
        return self.is_superuser or owner_id == self.user_id


class EntityService[ModelT: ModelProtocol](SQLAlchemyAsyncRepositoryService[ModelT]):
    """A repository service whose rows are written through the entity's field
    declarations (`fields`) and changed and deleted race-safely."""

    fields: ClassVar[Fields] = Fields()

    async def create_item(
        self, values: Mapping[str, Any], *, auto_commit: bool = False
    ) -> ModelT:
        """Store a new row of `values`, each cleaned by its declaration.

        Raises:
            InvalidFieldError: a value breaks a rule or a required one is missing.
            DuplicateKeyError: a unique value is taken.
        """
        cleaned = self.fields.clean(values, partial=False)
        model = self.repository.model_type(**cleaned)
        return await self.create(model, auto_commit=auto_commit)

    async def update_item(
        self, item_id: int, values: Mapping[str, Any], *, auto_commit: bool = False
    ) -> ModelT:
        """Change the given `values` of a row (each cleaned by its declaration),
        leaving the others as they are.

        Raises:
            InvalidFieldError: a value breaks a rule.
            NotFoundError: no row has this id (or a concurrent delete won).
            DuplicateKeyError: a unique value is taken by another row.
        """
        cleaned = self.fields.clean(values, partial=True)
        return await self.update_by_id(item_id, cleaned, auto_commit=auto_commit)

    async def get_by_ids(self, ids: Sequence[int]) -> list[ModelT | None]:
        """The rows with these ids, in the same order, `None` where none has the id.

        One query, however many ids.
        """
        if not ids:
            return []
        id_column = getattr(self.repository.model_type, self.repository.id_attribute)
        wanted = set(ids)
        # One id (`node(id:)`) is an equality: building and expanding an IN
        # list cost more than the rest of the statement.
        found = await self.get_many(
            id_column == next(iter(wanted))
            if len(wanted) == 1
            else id_column.in_(wanted)
        )
        by_id = {getattr(row, self.repository.id_attribute): row for row in found}
        return [by_id.get(item_id) for item_id in ids]

    async def update_by_id(
        self, item_id: int, values: Mapping[str, Any], *, auto_commit: bool
    ) -> ModelT:
        """Set `values` (already cleaned) on the row with this id, under its lock.

        Raises:
            NotFoundError: no row has this id (or a concurrent delete won).
            DuplicateKeyError: a unique value is taken by another row.
        """
        row = await lock_row(self.repository, item_id)
        for name, value in values.items():
            setattr(row, name, value)
        # Reload the stored row while it is still locked: after the commit a
        # waiting delete may already have removed it.
        row = await self.update(row, auto_commit=False)
        if auto_commit:
            await self.repository.session.commit()
        return row

    async def delete_by_id(self, item_id: int, *, auto_commit: bool = False) -> None:
        """Remove the row with this id (one `DELETE ... RETURNING`).

        Raises:
            NotFoundError: no row has this id (or a concurrent delete won).
        """
        await delete_row(self.repository, item_id, auto_commit=auto_commit)


def literal_array(ids: Sequence[int]) -> ColumnElement[Any]:
    """`ids` as one `bigint[]` parameter: the statement's text stays the same
    however many ids there are."""
    array = ARRAY(BigInteger)
    return cast(literal(list(ids), array), array)


class KeysetListMixin[ModelT: ModelProtocol, RecordT](EntityService[ModelT]):
    """An `EntityService` that lists its rows a keyset page at a time.

    `record_type` is a dataclass whose fields name the columns a listing
    reads; each row comes back as one (positional), never as an ORM object.
    """

    record_type: ClassVar[type[Any]]

    @classmethod
    def list_statement(
        cls,
        query: ListQuery,
        *,
        limit: int,
        after: Position | None = None,
        backward: bool = False,
    ) -> Select[Any]:
        """The one SELECT behind `list_page` (the tests EXPLAIN it).

        A filtered listing fetches at least `FILTERED_MIN_FETCH` rows; `page()`
        keeps `limit` of them.
        """
        model = cls.repository_type.model_type
        columns = [getattr(model, field.name) for field in fields(cls.record_type)]
        clauses = query.clauses()
        fetch = max(limit, FILTERED_MIN_FETCH) if clauses else limit
        return seek(
            select(*columns).where(*clauses),
            query.order,
            after=after,
            limit=fetch,
            backward=backward,
        )

    async def list_page(
        self,
        query: ListQuery,
        *,
        after: Position | None = None,
        limit: int,
        backward: bool = False,
    ) -> KeysetPage[RecordT]:
        """One keyset page of rows matching `query`, after (or before) a position.

        One statement; rows come back as `record_type` instances.
        """
        statement = self.list_statement(
            query, limit=limit, after=after, backward=backward
        )
        with wrap_sqlalchemy_exception(
            error_messages=self.repository.error_messages, dialect_name="postgresql"
        ):
            result = await self.repository.session.execute(statement)
        records = [self.record_type(*row) for row in result]
        return page(records, limit=limit, backward=backward)

    @classmethod
    def pages_statement(
        cls,
        parent: str,
        parent_ids: Sequence[int],
        query: ListQuery,
        *,
        limit: int,
        after: Position | None = None,
        backward: bool = False,
    ) -> Select[Any]:
        """The one SELECT behind `list_pages_for` (the tests EXPLAIN it).

        `unnest(:parent_ids) CROSS JOIN LATERAL (<list_statement's seek, for
        that parent>)`: each parent's page is its own index walk of at most
        `limit + 1` rows (an index on `(parent, order column, id)` serves it
        without sorting), whatever the number of parents. The parent's id
        comes first in each row.
        """
        model = cls.repository_type.model_type
        parents = (
            func.unnest(literal_array(parent_ids))
            .table_valued("parent_id")
            .render_derived(name="parents")
        )
        columns = [getattr(model, field.name) for field in fields(cls.record_type)]
        condition = getattr(model, parent) == parents.c.parent_id
        each = seek(
            select(*columns).where(condition, *query.clauses()),
            query.order,
            after=after,
            limit=limit,
            backward=backward,
        ).lateral("page")
        return select(parents.c.parent_id, *each.c).select_from(
            parents.join(each, true())
        )

    async def list_pages_for(
        self,
        parent: str,
        parent_ids: Sequence[int],
        query: ListQuery,
        *,
        limit: int,
        after: Position | None = None,
        backward: bool = False,
    ) -> dict[int, KeysetPage[RecordT]]:
        """The keyset page of rows matching `query` for each parent: the rows
        whose column `parent` holds the parent's id, after (or before) the
        same position. One statement, however many parents.
        """
        statement = self.pages_statement(
            parent, parent_ids, query, limit=limit, after=after, backward=backward
        )
        with wrap_sqlalchemy_exception(
            error_messages=self.repository.error_messages, dialect_name="postgresql"
        ):
            result = await self.repository.session.execute(statement)
        # A nested loop hands each parent's rows on in the order its LATERAL
        # page read them (the index order): grouping keeps that order.
        rows: dict[int, list[RecordT]] = {parent_id: [] for parent_id in parent_ids}
        for parent_id, *values in result:
            rows[parent_id].append(self.record_type(*values))
        return {
            parent_id: page(records, limit=limit, backward=backward)
            for parent_id, records in rows.items()
        }

    def pager(self, query: ListQuery, *, codec: CursorCodec) -> KeysetPager[RecordT]:
        """The pager of `query`'s listing, its cursors signed by `codec`."""
        return KeysetPager(
            fetch=lambda after, limit, backward: self.list_page(
                query, after=after, limit=limit, backward=backward
            ),
            order=query.order,
            codec=codec,
            scope=query.scope(),
        )

    async def count_matching(self, query: ListQuery) -> int:
        """How many rows match `query`'s filters (one COUNT query)."""
        return await self.count(*query.clauses())
