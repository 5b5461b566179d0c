"""Handlers and resolvers written once for every entity, typed for each.

Litestar and Strawberry read a handler's parameter types from its
`__annotations__`: a kit factory writes its closure with `Any` and gives it
the entity's own types here, where type checkers need not follow.
"""

from collections.abc import Callable
from typing import Any


def typed[F: Callable[..., Any]](function: F, /, **types: Any) -> F:
    """`function` with these parameter types (`returns`: its result's)."""
    annotations = function.__annotations__
    annotations.update(types)
    if "returns" in types:
        annotations["return"] = annotations.pop("returns")
    return function


def named[F: Callable[..., Any]](function: F, name: str) -> F:
    """`function` named `name` (a REST handler's name is its OpenAPI operation id)."""
    renamed: Any = function
    renamed.__name__ = renamed.__qualname__ = name
    return function
