"""Where the app keeps state that must outlive a request: Litestar stores.

Rate-limit counters live in named stores (`app.stores.get(name)`). Without
`REDIS_URL` each name gets a `MemoryStore`: right for one process, wrong
behind a load balancer, where every instance would count on its own. With
`REDIS_URL` every name is a namespace of one shared Redis, so all instances
count together.
"""

from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from litestar.stores.registry import StoreRegistry
from redis.asyncio import Redis

from backend.settings import Settings

# A rate-limit check must not hang a request when Redis does not answer.
REDIS_TIMEOUT_SECONDS = 2.0


class AppStores:
    """The app's store registry, and the Redis client behind it when there is one."""

    def __init__(self, settings: Settings) -> None:
        self._redis: RedisStore | None = None
        if settings.redis_url is not None:
            client = Redis.from_url(
                settings.redis_url.encoded_string(),
                socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                socket_timeout=REDIS_TIMEOUT_SECONDS,
            )
            self._redis = RedisStore(
                client, namespace=settings.redis_namespace, handle_client_shutdown=True
            )
        self.registry = StoreRegistry(default_factory=self._store_named)

    def _store_named(self, name: str) -> MemoryStore | RedisStore:
        if self._redis is None:
            return MemoryStore()
        return self._redis.with_namespace(name)

    @asynccontextmanager
    async def lifespan(self, _: Litestar) -> AsyncGenerator[None]:
        """Close the Redis connections when the app stops."""
        if self._redis is None:
            yield
            return
        async with self._redis:
            yield
