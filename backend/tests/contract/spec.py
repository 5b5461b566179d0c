"""What the contract suite needs to know about an entity, and nothing more.

An entity joins the suite with one module `tests/<app>/spec.py` that defines
`SPEC = EntitySpec(...)`; `tests.contract.specs` finds it. Every name here is
what a client sees (REST paths and JSON fields, GraphQL names, the admin's
URL key), so the suite tests behaviour, never the entity's code.

Conventions the suite relies on, which the kit gives every entity:
- REST: `POST`/`GET` at `rest_path`, `GET`/`PATCH`/`DELETE` at
  `rest_path/{id}`; lists answer `{items, page}` with `limit`, `cursor` and
  `sort` (a leading `-` for descending); errors name the field in `extra`.
- GraphQL: `<byId>(id: ID!)`, `<connection>(first, after, last, before,
  filter, orderBy)`, `<create>(input: <Input>!)`, `<update>(id: ID!, input:
  <PatchInput>!)`, `<delete>(id: ID!)` returning the id. Filter and input
  fields are the REST names in camelCase; the order of sort `-field` is
  `FIELD_DESC`, of `field` is `FIELD`.
- Admin: `/admin/<key>/create` and `/admin/<key>/edit?pk=<id>` forms whose
  field names are the REST names.
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.utils.str_converters import to_camel_case

type Values = Mapping[str, object]
type Seeder = Callable[[AsyncSession, int, int], Awaitable[list[int]]]
"""`seed(session, count, start)`: insert `count` varied rows, return their ids."""


@dataclass(frozen=True)
class InvalidInput:
    """Changes to a valid input that the entity's rules refuse, on `field`."""

    changes: Values
    field: str


@dataclass(frozen=True)
class FilterExample:
    """REST list parameters of one filter: one set the seeded rows match
    (some, not all), one they never match."""

    matching: Mapping[str, str]
    non_matching: Mapping[str, str]


@dataclass(frozen=True)
class EntitySpec:
    """One entity as its clients see it, and how to make its data."""

    name: str
    rest_path: str
    rest_item_path: str
    """The item path as OpenAPI writes it, e.g. `/api/books/{item_id}`."""
    graphql_type: str
    graphql_by_id: str
    graphql_connection: str
    graphql_create: str
    graphql_update: str
    graphql_delete: str
    graphql_input: str
    graphql_patch_input: str
    graphql_order: str
    admin_key: str
    valid_input: Callable[[int], dict[str, object]]
    """A valid REST body; different numbers give rows that do not collide."""
    update: Values
    """A valid partial change, stored as sent."""
    invalid_inputs: tuple[InvalidInput, ...]
    unique_field: str
    unique_value: str
    duplicate_spellings: tuple[str, ...]
    """Values of `unique_field` that must collide with `unique_value`: itself
    and every spelling the entity normalises or compares without case."""
    sorts: tuple[str, ...]
    seed: Seeder
    graphql_filter: str | None = None
    """The filter input's name; None when the listing has no filters."""
    filters: tuple[FilterExample, ...] = ()
    seed_count: int = 150
    page_sizes: tuple[int, int] = (11, 100)

    def order(self, sort: str) -> str:
        """The GraphQL `orderBy` value of a REST `sort`."""
        name = sort.removeprefix("-").upper()
        return f"{name}_DESC" if sort.startswith("-") else name


def graphql_name(name: str) -> str:
    """The GraphQL name of a REST field (camelCase)."""
    return to_camel_case(name)


def graphql_values(values: Values) -> dict[str, object]:
    """REST field names and values as GraphQL input (camelCase names)."""
    return {graphql_name(name): value for name, value in values.items()}


def form_values(values: Values) -> dict[str, str]:
    """REST field values as the admin's form posts them (None is empty)."""
    return {name: "" if value is None else str(value) for name, value in values.items()}
