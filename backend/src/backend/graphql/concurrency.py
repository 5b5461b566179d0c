"""One async resolver at a time per request, because they share one `AsyncSession`.

graphql-core resolves sibling fields of a query concurrently
(`{ a: books { ... } b: bookById(...) { ... } }`), and an `AsyncSession`
refuses concurrent operations. Serialising the async resolvers of a request
keeps every query on the request's session and transaction.
"""

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.utils.await_maybe import AwaitableOrValue


class OneResolverAtATime(SchemaExtension):
    """Runs the request's async resolvers one after the other.

    Only the resolver itself holds the lock; its sub-fields resolve after it
    returns, so nesting cannot deadlock. Plain attribute fields do not wait.
    """

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    def resolve(
        self,
        _next: Callable[..., AwaitableOrValue[object]],
        root: object,
        info: GraphQLResolveInfo,
        *args: str,
        **kwargs: Any,
    ) -> AwaitableOrValue[object]:
        """Resolve the field, waiting for the lock when the resolver is async."""
        result = _next(root, info, *args, **kwargs)
        if inspect.isawaitable(result):
            return self._locked(result)
        return result

    async def _locked(self, result: Awaitable[object]) -> object:
        async with self._lock:
            return await result
