"""An entity's REST calls and GraphQL documents, built from its spec."""

import httpx

from tests.contract.spec import EntitySpec, Values
from tests.helpers.graphql import Body, database_id, execute
from tests.helpers.listing import Item, page_through

type Ids = list[int]


async def create(
    client: httpx.AsyncClient,
    spec: EntitySpec,
    number: int,
    changes: Values | None = None,
) -> Item:
    """Create a row over REST (201 expected) and return its body."""
    response = await post_create(client, spec, spec.valid_input(number), changes)
    assert response.status_code == 201, response.text
    return response.json()


async def post_create(
    client: httpx.AsyncClient,
    spec: EntitySpec,
    values: Values,
    changes: Values | None = None,
) -> httpx.Response:
    """POST a new row of `values` with `changes`, at the entity's create path."""
    path, body = spec.create_request(dict(values) | dict(changes or {}))
    return await client.post(path, json=body)


async def read(client: httpx.AsyncClient, spec: EntitySpec, row_id: int) -> Item:
    """A stored row as REST shows it (200 expected)."""
    response = await client.get(f"{spec.rest_path}/{row_id}")
    assert response.status_code == 200, response.text
    return response.json()


async def stored_ids(client: httpx.AsyncClient, spec: EntitySpec) -> Ids:
    """The ids of every stored row, per the REST listing."""
    rows = await page_through(client, spec.rest_path, {"limit": 100})
    return sorted(row["id"] for row in rows)


def problems(response: httpx.Response) -> str:
    """Everything a 400 body says about the fields, as one string."""
    extra = response.json().get("extra") or []
    return " ".join(f"{d.get('key')}: {d.get('message')}" for d in extra)


def connection_document(spec: EntitySpec) -> str:
    """The connection query with every paging, filter and order variable."""
    variable = f", $filter: {spec.graphql_filter}" if spec.graphql_filter else ""
    argument = ", filter: $filter" if spec.graphql_filter else ""
    return f"""
query($first: Int, $after: String, $last: Int, $before: String,
      $orderBy: {spec.graphql_order}{variable}) {{
  page: {spec.graphql_connection}(first: $first, after: $after, last: $last,
        before: $before, orderBy: $orderBy{argument}) {{
    edges {{ cursor node {{ id }} }}
    pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
  }}
}}"""


def node_document(spec: EntitySpec) -> str:
    """`node(id:)` asking for the entity's type."""
    return (
        "query($id: ID!) { found: node(id: $id) "
        f"{{ id ... on {spec.graphql_type} {{ id }} }} }}"
    )


def by_id_document(spec: EntitySpec) -> str:
    """The entity's own lookup by id."""
    return f"query($id: ID!) {{ found: {spec.graphql_by_id}(id: $id) {{ id }} }}"


def create_document(spec: EntitySpec) -> str:
    """The create mutation, answering the new node's id."""
    return (
        f"mutation($input: {spec.graphql_input}!) "
        f"{{ done: {spec.graphql_create}(input: $input) {{ id }} }}"
    )


def update_document(spec: EntitySpec) -> str:
    """The update mutation, answering the node's id."""
    return (
        f"mutation($id: ID!, $input: {spec.graphql_patch_input}!) "
        f"{{ done: {spec.graphql_update}(id: $id, input: $input) {{ id }} }}"
    )


def delete_document(spec: EntitySpec) -> str:
    """The delete mutation, answering the deleted id."""
    return f"mutation($id: ID!) {{ done: {spec.graphql_delete}(id: $id) }}"


async def connection_page(
    client: httpx.AsyncClient, spec: EntitySpec, **variables: object
) -> Body:
    """One page of the connection; fails on any error."""
    body = await execute(client, connection_document(spec), variables)
    assert "errors" not in body, body["errors"]
    return body["data"]["page"]


def page_ids(spec: EntitySpec, page: Body) -> Ids:
    """The database ids of a connection page's nodes, in order."""
    return [
        database_id(edge["node"]["id"], spec.graphql_type) for edge in page["edges"]
    ]


async def walk_forward(
    client: httpx.AsyncClient, spec: EntitySpec, size: int, **variables: object
) -> Ids:
    """Every row, `first` at a time, checking the page info on the way."""
    ids: Ids = []
    after = None
    while True:
        page = await connection_page(client, spec, first=size, after=after, **variables)
        info = page["pageInfo"]
        assert info["hasPreviousPage"] is (after is not None)
        ids += page_ids(spec, page)
        if not info["hasNextPage"]:
            return ids
        assert info["endCursor"] == page["edges"][-1]["cursor"]
        after = info["endCursor"]


async def walk_backward(
    client: httpx.AsyncClient, spec: EntitySpec, size: int, **variables: object
) -> Ids:
    """Every row, `last` at a time from the end, in the order's direction."""
    ids: Ids = []
    before = None
    while True:
        page = await connection_page(
            client, spec, last=size, before=before, **variables
        )
        info = page["pageInfo"]
        assert info["hasNextPage"] is (before is not None)
        ids = page_ids(spec, page) + ids
        if not info["hasPreviousPage"]:
            return ids
        assert info["startCursor"] == page["edges"][0]["cursor"]
        before = info["startCursor"]
