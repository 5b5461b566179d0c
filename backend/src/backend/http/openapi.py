"""What the HTTP layer states about itself: strict bodies in OpenAPI, OPTIONS' Allow.

Request bodies are msgspec structs with `forbid_unknown_fields=True`: an
unknown field is a 400, and the OpenAPI document says so with
`additionalProperties: false`, which Litestar leaves out. Litestar also
answers OPTIONS with the methods the route had when its first handler was
registered (`DELETE, OPTIONS` for `/api/books/{id}`); the hook here sends the
route's full list.
"""

import msgspec
from litestar import Litestar
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.datastructures import MutableScopeHeaders
from litestar.openapi.spec import Schema
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope
from litestar.typing import FieldDefinition


class StrictStructSchemaPlugin(StructSchemaPlugin):
    """Litestar's msgspec schema, plus `additionalProperties: false` when the
    struct forbids unknown fields."""

    def to_openapi_schema(
        self, field_definition: FieldDefinition, schema_creator: object
    ) -> Schema:
        """The struct's schema, closed when the struct refuses unknown fields."""
        schema = super().to_openapi_schema(field_definition, schema_creator)  # pyrefly: ignore[bad-argument-type]  # ty: ignore[invalid-argument-type]
        info = msgspec.inspect.type_info(field_definition.type_)
        if isinstance(info, msgspec.inspect.StructType) and info.forbid_unknown_fields:
            schema.additional_properties = False
        return schema


def _route_methods(app: Litestar, scope: Scope) -> list[str] | None:
    handler = scope.get("route_handler")
    for route in app.routes:
        if isinstance(route, HTTPRoute) and handler in route.route_handlers:
            return sorted(route.methods)
    return None


async def options_allow(message: Message, scope: Scope) -> None:
    """A `before_send` hook: an OPTIONS answer lists every method of its route."""
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    headers = MutableScopeHeaders.from_message(message)
    if "allow" not in headers:
        return
    methods = _route_methods(scope["app"], scope)
    if methods is not None:
        headers["Allow"] = ", ".join(methods)
