"""The `/graphql` endpoint: Strawberry's Litestar controller for one app's settings."""

from litestar import Router
from strawberry.litestar import make_graphql_controller

from backend.graphql.context import make_context_getter
from backend.graphql.limits import OperationLimits
from backend.schema import schema
from backend.settings import Settings

GRAPHQL_PATH = "/graphql"


def graphql_controller(settings: Settings) -> Router:
    """The GraphQL controller: GraphiQL and introspection as `settings` say.

    It stays out of the OpenAPI document: GraphQL is described by its own
    schema (`frontend/schema/schema.graphql`, or introspection).
    """
    controller = make_graphql_controller(
        schema,
        path=GRAPHQL_PATH,
        graphql_ide="graphiql" if settings.graphql_ide_enabled else None,
        context_getter=make_context_getter(OperationLimits.from_settings(settings)),
    )
    return Router(path="/", route_handlers=[controller], include_in_schema=False)
