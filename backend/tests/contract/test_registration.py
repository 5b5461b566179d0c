"""The entity is served and documented: its REST routes in OpenAPI, its
GraphQL fields in the schema, its admin view in the menu, and every GraphQL
node type has a spec here."""

import httpx

from tests.contract.spec import EntitySpec
from tests.contract.specs import SPECS
from tests.helpers.graphql import execute

FIELDS = """query($type: String!, $input: String!, $patch: String!,
               $filter: String!, $order: String!) {
  query: __schema { queryType { fields { name } } mutationType { fields { name } } }
  type: __type(name: $type) { interfaces { name } }
  input: __type(name: $input) { kind }
  patch: __type(name: $patch) { kind }
  filter: __type(name: $filter) { kind }
  order: __type(name: $order) { kind enumValues { name } }
}"""
NODE_TYPES = '{ __type(name: "Node") { possibleTypes { name } } }'
MUTATIONS = '{ __type(name: "Mutation") { fields { name } } }'
# Status codes each operation must document, besides its success.
OPERATIONS = {
    ("collection", "get"): {"400"},
    ("create", "post"): {"400", "401", "409", "413"},
    ("item", "get"): {"404"},
    ("item", "patch"): {"400", "401", "404", "409", "413"},
    ("item", "delete"): {"401", "404"},
}
WRITES = {"post", "patch", "delete"}


async def test_every_rest_operation_is_documented_in_openapi(
    anonymous_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    response = await anonymous_client.get("/schema/openapi.json")
    paths = response.json()["paths"]
    where = {
        "collection": spec.rest_path,
        "create": spec.create_path,
        "item": spec.rest_item_path,
    }
    for (kind, method), statuses in OPERATIONS.items():
        path = where[kind]
        assert method in paths.get(path, {}), f"{method.upper()} {path}"
        operation = paths[path][method]
        assert statuses <= set(operation["responses"]), (path, method)
        assert ("security" in operation) is (method in WRITES), (path, method)


async def test_the_graphql_fields_and_types_exist(
    anonymous_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    variables = {
        "type": spec.graphql_type,
        "input": spec.graphql_input,
        "patch": spec.graphql_patch_input,
        # A listing without filters has no filter input: ask for the input again.
        "filter": spec.graphql_filter or spec.graphql_input,
        "order": spec.graphql_order,
    }
    data = (await execute(anonymous_client, FIELDS, variables))["data"]
    queries = {field["name"] for field in data["query"]["queryType"]["fields"]}
    mutations = {field["name"] for field in data["query"]["mutationType"]["fields"]}
    assert {spec.graphql_by_id, spec.graphql_connection} <= queries
    assert {spec.graphql_create, spec.graphql_update, spec.graphql_delete} <= mutations
    assert {"name": "Node"} in data["type"]["interfaces"]
    for name in ("input", "patch", "filter")[: 3 if spec.graphql_filter else 2]:
        assert data[name] == {"kind": "INPUT_OBJECT"}, name
    orders = {value["name"] for value in data["order"]["enumValues"]}
    assert orders == {spec.order(sort) for sort in spec.sorts}


async def test_the_admin_menu_links_the_view(
    admin_client: httpx.AsyncClient, spec: EntitySpec
) -> None:
    home = await admin_client.get("/admin/")
    assert f'href="http://testserver/admin/{spec.admin_key}/list"' in home.text
    listing = await admin_client.get(f"/admin/{spec.admin_key}/list")
    assert listing.status_code == 200


async def test_every_writable_graphql_node_type_has_a_contract_spec(
    anonymous_client: httpx.AsyncClient,
) -> None:
    body = await execute(anonymous_client, NODE_TYPES)
    node_types = {t["name"] for t in body["data"]["__type"]["possibleTypes"]}
    mutations = await execute(anonymous_client, MUTATIONS)
    names = {field["name"] for field in mutations["data"]["__type"]["fields"]}
    # A node type clients can create is an entity: the suite must run for it.
    writable = {name for name in node_types if f"create{name}" in names}
    specified = {spec.graphql_type for spec in SPECS}
    assert writable <= specified, writable - specified
    assert specified <= node_types, specified - node_types
