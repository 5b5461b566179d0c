"""Talk to `/graphql`: send a document, read its errors, build Relay ids."""

import base64
from collections.abc import Mapping
from typing import Any

import httpx

type Body = dict[str, Any]


async def execute(
    client: httpx.AsyncClient,
    query: str,
    variables: Mapping[str, object] | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> Body:
    """POST a GraphQL request; GraphQL answers 200 even when it reports errors."""
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


def only_error(body: Body) -> Body:
    """The single error of a response."""
    errors = body.get("errors") or []
    assert len(errors) == 1, body
    return errors[0]


def global_id(type_name: str, node_id: object) -> str:
    """A Relay global id, as Strawberry encodes it."""
    return base64.b64encode(f"{type_name}:{node_id}".encode()).decode()


def database_id(node_global_id: str, type_name: str) -> int:
    """The database id inside a global id of `type_name`."""
    found_type, node_id = base64.b64decode(node_global_id).decode().split(":")
    assert found_type == type_name, node_global_id
    return int(node_id)
