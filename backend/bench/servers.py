"""Start servers for the benchmark the way production would, and stop them."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Generator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from backend.settings import get_settings

BACKEND_DIR = Path(__file__).resolve().parents[1]
SECRET = "benchmark-secret-key-0123456789abcdef0123456789"  # noqa: S105


def production_env(database: str, **overrides: str) -> dict[str, str]:
    """The app's environment as production runs it, on `database` of our server.

    Rate limits are lifted: one load generator is one client, and the
    per-client limit would throttle it.
    """
    url = (
        make_url(get_settings().database_url.encoded_string())
        .set(database=database)
        .render_as_string(hide_password=False)
    )
    return {
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "ADMIN_SESSION_SECRET": SECRET[::-1],
        "APP_ENV": "production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "API_RATE_LIMIT": str(10**9),
        **overrides,
    }


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(
    url: str, process: subprocess.Popen[bytes], timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (loopback only)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise TimeoutError(url)


def _command(
    server: str, app: str, *, port: int, workers: int, factory: bool
) -> list[str]:
    if server == "granian":
        command = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--loop",
            "uvloop",
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        return [*command, *(["--factory"] if factory else []), app]
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
    ]
    return [*command, *(["--factory"] if factory else [])]


@dataclass(frozen=True)
class Served:
    """A running server: its base URL and how long it took to answer its probe."""

    url: str
    startup_seconds: float


@contextmanager
def serve(
    app: str,
    *,
    env: Mapping[str, str],
    workers: int,
    probe: str,
    factory: bool = False,
    server: str = "uvicorn",
) -> Generator[Served]:
    """Serve `app` with uvicorn or granian (uvloop, no access log)."""
    port = free_port()
    command = _command(server, app, port=port, workers=workers, factory=factory)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=BACKEND_DIR, env={**os.environ, **env})  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + probe, process)
        yield Served(base, time.monotonic() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
