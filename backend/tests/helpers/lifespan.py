"""Run an app's lifespan in a task of its own.

anyio requires a lifespan to start and stop in one task, while pytest-asyncio
sets fixtures up and tears them down in different tasks.
"""

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from litestar import Litestar


@asynccontextmanager
async def serving(app: Litestar) -> AsyncGenerator[Litestar]:
    """Start `app` (startup hooks, plugins), yield it, then shut it down."""
    started, stopping = asyncio.Event(), asyncio.Event()

    async def run() -> None:
        async with app.lifespan():
            started.set()
            await stopping.wait()

    task = asyncio.create_task(run())
    await started.wait()
    try:
        yield app
    finally:
        stopping.set()
        await task
