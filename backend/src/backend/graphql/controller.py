"""The `/graphql` endpoint: Strawberry's Litestar controller for one app's settings."""

from litestar import Controller
from strawberry.litestar import make_graphql_controller

from backend.graphql.context import make_context_getter
from backend.graphql.limits import OperationLimits
from backend.schema import schema
from backend.settings import Settings

GRAPHQL_PATH = "/graphql"


def graphql_controller(settings: Settings) -> type[Controller]:
    """The GraphQL controller: GraphiQL and introspection as `settings` say."""
    return make_graphql_controller(
        schema,
        path=GRAPHQL_PATH,
        graphql_ide="graphiql" if settings.graphql_ide_enabled else None,
        context_getter=make_context_getter(OperationLimits.from_settings(settings)),
    )
