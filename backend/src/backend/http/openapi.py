"""What the HTTP layer states about itself: strict bodies in OpenAPI, integer
parameters written in digits, OPTIONS' Allow.

Request bodies are msgspec structs with `forbid_unknown_fields=True`: an
unknown field is a 400, and the OpenAPI document says so with
`additionalProperties: false`, which Litestar leaves out. Litestar also
answers OPTIONS with the methods the route had when its first handler was
registered (`DELETE, OPTIONS` for `/api/books/{id}`); the hook here sends the
route's full list.

Path and query parameters declared `int` are published as `integer`, but
msgspec converts their text laxly: `1.0`, `1e2` and `1.0000000000000001`
became 1, 100 and 1, so `DELETE /api/books/2.00249e5` deleted book 200249.
The guard `integers_in_digits`, installed once for the whole app, checks the
raw text of every such parameter of every handler before it is converted:
ASCII digits, no leading zero, a minus sign only; the declared bounds are
checked after, as before. (Declare path parameters `{name:str}`: Litestar's
own `:int` path type calls `int()`, which reads Unicode digits.)
"""

from types import NoneType
from typing import Any

import msgspec
from litestar import Litestar
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin
from litestar.connection import ASGIConnection
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ParamType
from litestar.exceptions import ValidationException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.spec import Schema
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope
from litestar.typing import FieldDefinition

from backend.kit.text import DECIMAL_INTEGER


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


def _is_integer(field: FieldDefinition) -> bool:
    types = field.args if field.is_union else (field.annotation,)
    return [type_ for type_ in types if type_ is not NoneType] == [int]


def _raw_integers(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> list[tuple[str, ParamType, str]]:
    """The raw text of each integer path and query parameter: key, source, text."""
    raw: list[tuple[str, ParamType, str]] = []
    path_params = connection.scope.get("path_params") or {}
    for name, field in handler.parsed_fn_signature.parameters.items():
        kwarg = field.kwarg_definition
        if not _is_integer(field):
            continue
        if isinstance(kwarg, ParameterKwarg) and (kwarg.header or kwarg.cookie):
            continue
        if isinstance(path_params.get(name), str):
            raw.append((name, ParamType.PATH, path_params[name]))
            continue
        key = kwarg.query if isinstance(kwarg, ParameterKwarg) and kwarg.query else name
        raw += [
            (key, ParamType.QUERY, value)
            for value in connection.query_params.getall(key, [])
        ]
    return raw


async def integers_in_digits(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """An app guard: every integer path or query parameter is written in digits.

    Raises:
        ValidationException: a 400 naming each parameter written otherwise
            (`1.0`, `1e2`, `+1`, `01`, Unicode digits...).
    """
    problems = [
        {
            "message": f"{key} must be an integer written with the digits 0-9 "
            "(no sign, decimal point, exponent or leading zero)",
            "key": key,
            "source": source.value,
        }
        for key, source, text in _raw_integers(connection, handler)
        if not DECIMAL_INTEGER.fullmatch(text)
    ]
    if problems:
        raise ValidationException(
            detail=f"Validation failed for {connection.scope.get('method')} "
            f"{connection.url.path}",
            extra=problems,
        )
