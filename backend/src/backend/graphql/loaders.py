"""Per-request DataLoaders: one registry in the context, one loader per key.

A resolver asks `info.context.loaders.get(key, load)` for the loader of
`key` (a node type, a parent's pages...); the first asks build it with
`load`, the batch function, and every field resolved in the same tick of
the event loop adds its key to the same batch: one statement for the lot.
Nothing outlives the request, so nothing goes stale.
"""

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, cast

from strawberry.dataloader import DataLoader

type BatchLoad[K, V] = Callable[[list[K]], Awaitable[Sequence[V | BaseException]]]
"""The values of the keys of a batch, in order; an exception fails one key."""


class Loaders:
    """The request's DataLoaders, by key."""

    __slots__ = ("_loaders",)

    def __init__(self) -> None:
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    def get[K: Hashable, V](
        self, key: Hashable, load: BatchLoad[K, V]
    ) -> DataLoader[K, V]:
        """The loader of `key`, built with `load` the first time it is asked for."""
        loader = self._loaders.get(key)
        if loader is None:
            loader = self._loaders[key] = DataLoader(load_fn=load)
        return cast("DataLoader[K, V]", loader)
