"""What the contract suite needs to know about an entity, and nothing more.

An entity joins the suite with one module `tests/<app>/spec.py` that defines
`SPEC = EntitySpec(...)`; `tests.contract.specs` finds it. Every name here is
what a client sees (REST paths and JSON fields, GraphQL names, the admin's
URL key), so the suite tests behaviour, never the entity's code.

Conventions the suite relies on, which the kit gives every entity:
- REST: `POST`/`GET` at `rest_path` (`POST` at `rest_create_path` when the
  new row's parent is in the path), `GET`/`PATCH`/`DELETE` at
  `rest_path/{id}`; lists answer `{items, page}` with `limit`, `cursor` and
  `sort` (a leading `-` for descending); errors name the field in `extra`.
- GraphQL: `<byId>(id: ID!)`, `<connection>(first, after, last, before,
  filter, orderBy)`, `<create>(input: <Input>!)`, `<update>(id: ID!, input:
  <PatchInput>!)`, `<delete>(id: ID!)` returning the id. Filter and input
  fields are the REST names in camelCase; the order of sort `-field` is
  `FIELD_DESC`, of `field` is `FIELD`; a field holding another entity's id
  is that entity's global id (`graphql_ids`), and a few may be named
  otherwise (`graphql_names`).
- Admin: `/admin/<key>/create` and `/admin/<key>/edit?pk=<id>` forms whose
  field names are the REST names.
"""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from string import Formatter

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.utils.str_converters import to_camel_case

from tests.helpers.graphql import global_id

type Values = Mapping[str, object]
type Seeder = Callable[[AsyncSession, int, int], Awaitable[list[int]]]
"""`seed(session, count, start)`: insert `count` varied rows, return their ids."""
type Prepare = Callable[["EntitySpec", AsyncSession, int], Awaitable["EntitySpec"]]
"""`prepare(spec, session, writer_id)`: insert the rows the entity's rows need
(a review's book) in the test's transaction; the spec completed with them."""


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
    unique_value: object
    duplicate_spellings: tuple[object, ...]
    """Values of `unique_field` that must collide with `unique_value`: itself
    and every spelling the entity normalises or compares without case. (The
    same signed-in writer sends every input: a key that includes the writer,
    like a review's (book, author), collides on the other part alone.)"""
    sorts: tuple[str, ...]
    seed: Seeder
    graphql_filter: str | None = None
    """The filter input's name; None when the listing has no filters."""
    filters: tuple[FilterExample, ...] = ()
    seed_count: int = 150
    page_sizes: tuple[int, int] = (11, 100)
    rest_create_path: str | None = None
    """Where rows are created when not at `rest_path`, as OpenAPI writes it;
    its `{names}` are input fields, sent in the path and not in the body."""
    graphql_ids: Mapping[str, str] = field(default_factory=dict)
    """Input and filter fields holding another entity's id, and the GraphQL
    type whose global id carries it there (`{"book_id": "Book"}`)."""
    graphql_names: Mapping[str, str] = field(default_factory=dict)
    """GraphQL names that are not the REST name in camelCase."""
    unique_field_changes: bool = True
    admin_values: Values = field(default_factory=dict)
    """Form fields the admin's create form needs beyond the API's input (a
    review's author, which the API takes from the signed-in user)."""
    """Whether a change may set `unique_field` (a review's book never changes)."""
    prepare: Prepare | None = None
    """Inserts what the entity's rows need before each test; `seed`,
    `valid_input` and the filters of the spec it returns may use those rows.
    Seeded rows the suite changes must be the writer's (`writer_id`)."""

    async def prepared(self, session: AsyncSession, writer_id: int) -> "EntitySpec":
        """The spec a test uses, its prerequisites stored (`prepare`)."""
        if self.prepare is None:
            return self
        return await self.prepare(self, session, writer_id)

    @property
    def create_path(self) -> str:
        """Where rows are created, as OpenAPI writes it."""
        return self.rest_create_path or self.rest_path

    def create_request(self, values: Values) -> tuple[str, dict[str, object]]:
        """The path and the body that create a row of `values`."""
        template = self.create_path
        in_path = {name for _, name, _, _ in Formatter().parse(template) if name}
        path = template.format(**{name: values[name] for name in in_path})
        return path, {k: v for k, v in values.items() if k not in in_path}

    def graphql_name(self, name: str) -> str:
        """The GraphQL name of a REST field."""
        return self.graphql_names.get(name) or to_camel_case(name)

    def graphql_values(self, values: Values) -> dict[str, object]:
        """REST fields and values as GraphQL input: GraphQL names, and the
        global ids of fields holding another entity's id."""
        return {
            self.graphql_name(name): value
            if value is None or name not in self.graphql_ids
            else global_id(self.graphql_ids[name], value)
            for name, value in values.items()
        }

    def order(self, sort: str) -> str:
        """The GraphQL `orderBy` value of a REST `sort`."""
        name = sort.removeprefix("-").upper()
        return f"{name}_DESC" if sort.startswith("-") else name


def form_values(values: Values) -> dict[str, str]:
    """REST field values as the admin's form posts them (None is empty)."""
    return {name: "" if value is None else str(value) for name, value in values.items()}
