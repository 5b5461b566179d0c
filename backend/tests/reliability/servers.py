"""The app served by uvicorn in a process of its own, as production serves it.

Concurrency, outages, several instances and shutdown only show with a real
server: the in-process test client runs every request on one connection in
one rolled-back transaction.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncGenerator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.servers import BACKEND_DIR, free_port
from tests.helpers.settings import TEST_SECRET_KEY

START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0


@dataclass(frozen=True)
class Server:
    """A running server: its base URL, its process and its log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        """What the server has printed so far."""
        return self.log.read_text(errors="replace")


def server_env(database_url: str, **overrides: str) -> dict[str, str]:
    """The environment of a served app: test mode, generous limits, quiet logs."""
    return {
        "APP_ENV": "test",
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "LOGIN_RATE_LIMIT": "100000",
        "LOGIN_ACCOUNT_RATE_LIMIT": "100000",
        "API_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        **overrides,
    }


async def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll `url` until it answers; fail when the process exits or time is up."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    async with httpx.AsyncClient(timeout=1.0) as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}")
            try:
                await http.get(url)
            except httpx.TransportError:
                await asyncio.sleep(0.1)
            else:
                return
    raise TimeoutError(url)


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM the server (a graceful stop), SIGKILL it if it hangs; its exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


@asynccontextmanager
async def serve(
    env: Mapping[str, str], *, log_dir: Path, name: str = "app"
) -> AsyncGenerator[Server]:
    """Serve `backend.app:create_app` on a free loopback port until the block ends."""
    port = free_port()
    log = log_dir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "backend.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as output:
        # Popen returns once the child is forked: nothing here blocks.
        process = subprocess.Popen(  # noqa: S603, ASYNC220 (our own command line)
            command,
            cwd=BACKEND_DIR,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        await wait_until_up(f"{server.url}/health", process)
        yield server
    finally:
        stop(process)
