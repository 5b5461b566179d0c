"""The admin view every entity's view extends: ids and paging checked first.

starlette-admin hands ids and paging values from the URL to the database as
they come: `int("abc")` fails, `99999999999999999999` overflows BIGINT and
`page=10**30` an OFFSET, each a 500. Here an id is ASCII digits in
1..2^63-1, else the row does not exist (404), and an offset beyond BIGINT
is a 400.

Its search box would `CAST(column AS TEXT) ILIKE '%q%'` every column, which
no index serves, with `q` of any length: a view searches only through the
indexed search its service gives (`search_clause`); a view without one
answers a search with 400.

A form's picker of rows (select2 over `relation-lookup`) asks for a page
and the count of every match; the count reads them all, and `limit=0` meant
no limit. A lookup here reads the page and one row more, in one statement,
and reports as its total just enough for the picker to offer a next page.
"""

from collections.abc import Sequence
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.status import HTTP_400_BAD_REQUEST, HTTP_404_NOT_FOUND
from starlette_admin.contrib.sqla import ModelView
from starlette_admin.filters import FilterGroup
from starlette_admin.types import RequestAction

from backend.kit.text import MAX_DATABASE_ID, database_id

_LOOKUP_TOTAL = "relation_lookup_total"


def _looking_up(request: Request) -> bool:
    return getattr(request.state, "action", None) == RequestAction.RELATION_LOOKUP


def parse_id(value: object) -> int | None:
    """The id `value` spells (ASCII digits, 1..2^63-1), else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= MAX_DATABASE_ID else None
    return database_id(value) if isinstance(value, str) else None


def require_id(value: object) -> int:
    """The id `value` spells.

    Raises:
        HTTPException: 404 when `value` is not an id (no row can have it).
    """
    number = parse_id(value)
    if number is None:
        raise HTTPException(HTTP_404_NOT_FOUND)
    return number


class IntegerIdModelView(ModelView):
    """A `ModelView` of a model with an integer identity `id`, searched by its
    service's indexed search."""

    def search_clause(self, term: str) -> Any:
        """The condition on rows the search box finds for `term`; a view with a
        search box overrides it with its service's indexed search.

        Raises:
            HTTPException: 400, this view has no indexed search.
        """
        raise HTTPException(HTTP_400_BAD_REQUEST, "This list cannot be searched.")

    def get_search_query(self, request: Request, term: str) -> Any:
        """`search_clause(term)`, never starlette-admin's unindexed search."""
        return self.search_clause(term)

    async def find_by_pk(self, request: Request, pk: Any) -> Any:
        """The row with id `pk`; None when `pk` is not an id or names no row."""
        number = parse_id(pk)
        if number is None:
            return None
        return await super().find_by_pk(request, number)

    async def find_by_pks(self, request: Request, pks: list[Any]) -> Sequence[Any]:
        """The rows with these ids.

        Raises:
            HTTPException: 404 when one of `pks` is not an id.
        """
        return await super().find_by_pks(request, [require_id(pk) for pk in pks])

    async def find_all(  # noqa: PLR0917 (starlette-admin's signature)
        self,
        request: Request,
        skip: int = 0,
        limit: int = 100,
        q: str | None = None,
        sorts: Sequence[tuple[str, str]] | None = None,
        filters: FilterGroup | None = None,
    ) -> Sequence[Any]:
        """A page of rows, as starlette-admin's, once the offset fits BIGINT;
        a picker's lookup reads one row more (see `count`).

        Raises:
            HTTPException: 400 when `skip` or `limit` is beyond BIGINT.
        """
        if not 0 <= skip <= MAX_DATABASE_ID or not 0 <= limit <= MAX_DATABASE_ID:
            raise HTTPException(HTTP_400_BAD_REQUEST, "Page out of range.")
        if not _looking_up(request):
            return await super().find_all(request, skip, limit, q, sorts, filters)
        rows = await super().find_all(request, skip, limit + 1, q, sorts, filters)
        setattr(request.state, _LOOKUP_TOTAL, skip + len(rows))
        return rows[:limit]

    async def count(
        self,
        request: Request,
        q: str | None = None,
        filters: FilterGroup | None = None,
    ) -> int:
        """The number of matching rows; for a picker's lookup, the rows before
        its page and on it, plus one when another page follows."""
        total = getattr(request.state, _LOOKUP_TOTAL, None)
        if _looking_up(request) and isinstance(total, int):
            return total
        return await super().count(request, q, filters)
