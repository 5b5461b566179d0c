"""The `/graphql` endpoint: Strawberry's Litestar controller for one app's settings."""

import json

import msgspec
from litestar import Response, Router
from litestar.background_tasks import BackgroundTasks
from litestar.di import Provide
from strawberry.litestar import make_graphql_controller

from backend.graphql.context import make_context_getter
from backend.graphql.limits import OperationLimits
from backend.schema import schema
from backend.settings import Settings

GRAPHQL_PATH = "/graphql"


def decode_request_json(data: str | bytes) -> object:
    """A GraphQL request body (or `variables` in a query string) as an object or list.

    Strawberry answers a `JSONDecodeError` with a 400; every other way a body
    can be malformed (invalid UTF-8, a lone surrogate, nesting too deep for
    the decoder, a body that is a number or `null`) is turned into one.

    Raises:
        json.JSONDecodeError: when `data` is not a JSON object or array.
    """
    try:
        value = msgspec.json.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise json.JSONDecodeError(str(exc), "", 0) from exc
    if not isinstance(value, (dict, list)):
        raise json.JSONDecodeError("expected a JSON object", "", 0)
    return value


def _response() -> Response:
    return Response({}, background=BackgroundTasks([]))


def graphql_controller(settings: Settings) -> Router:
    """The GraphQL controller: GraphiQL and introspection as `settings` say.

    It stays out of the OpenAPI document: GraphQL is described by its own
    schema (`frontend/schema/schema.graphql`, or introspection).
    """
    base = make_graphql_controller(
        schema,
        path=GRAPHQL_PATH,
        graphql_ide="graphiql" if settings.graphql_ide_enabled else None,
        context_getter=make_context_getter(OperationLimits.from_settings(settings)),
    )

    # ty cannot use a class built at run time as a base; it is a plain class.
    class GraphQLController(base):  # ty: ignore[unsupported-base]
        """Strawberry's controller, with bodies decoded by `decode_request_json`.

        Strawberry builds the response each resolver may change (`info.context
        .response`) in a worker thread; building an empty `Response` needs none.
        """

        dependencies = {  # noqa: RUF012 (Litestar's own class attribute)
            **base.dependencies,
            "response": Provide(_response, sync_to_thread=False),
        }

        def decode_json(self, data: str | bytes) -> object:
            """Decode a body the way `decode_request_json` promises."""
            return decode_request_json(data)

    return Router(path="/", route_handlers=[GraphQLController], include_in_schema=False)
