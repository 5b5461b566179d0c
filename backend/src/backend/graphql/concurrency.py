"""Root fields run one after another, because they share one `AsyncSession`.

graphql-core resolves the root fields of a query concurrently
(`{ a: books { ... } b: bookById(...) { ... } }`), and an `AsyncSession`
refuses concurrent operations. Executing them serially, as GraphQL already
does for mutations, keeps every query on the request's session. Below the
root, a field has at most one async resolver among its siblings (`totalCount`
beside plain `edges` and `pageInfo`), so nothing else can overlap.

This costs nothing per field; a schema extension with a `resolve` hook would
wrap every one of the hundreds of fields of a page.
"""

from collections.abc import Sequence
from typing import Any

from graphql import GraphQLObjectType
from graphql.execution.collect_fields import DeferUsage, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class SerialRootFields(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, resolving root query fields serially."""

    def execute_collected_root_fields(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        new_defer_usages: Sequence[DeferUsage],
    ) -> AwaitableOrValue[dict[str, Any]]:
        """Execute the root fields in order, each to completion."""
        return super().execute_collected_root_fields(
            root_type, root_value, grouped_field_set, True, new_defer_usages
        )
