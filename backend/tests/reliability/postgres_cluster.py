"""A throwaway PostgreSQL cluster that a test may stop and start at will.

The shared server on 127.0.0.1:5432 is never touched: the cluster lives in a
temporary directory, listens on a free loopback port with trust
authentication, and is stopped and removed when the block ends, whatever
happened. `initdb` refuses to run as root, so as root the cluster's commands
run as the `postgres` user.
"""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.servers import free_port


def _server_binaries() -> Path:
    if configured := os.environ.get("PG_BIN"):
        return Path(configured)
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdecimal() else 0,
    )
    return installed[-1].parent if installed else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _server_binaries()
OWNER = "postgres"
COMMAND_TIMEOUT_SECONDS = 60


def binaries_missing() -> str | None:
    """Why no cluster can be made here, or `None` when it can."""
    for name in ("initdb", "pg_ctl"):
        if not (PG_BIN / name).exists():
            return f"no {PG_BIN / name} (set PG_BIN to PostgreSQL's bin directory)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser"
    return None


@dataclass(frozen=True)
class Cluster:
    """A cluster in `directory`, serving `127.0.0.1:port`."""

    directory: Path
    port: int

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of its `postgres` database."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", OWNER, "--"] if os.geteuid() == 0 else []
        subprocess.run(  # noqa: S603 (fixed binaries, our own arguments)
            [*prefix, *command],
            check=True,
            capture_output=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
        )

    def _pg_ctl(self, *arguments: str) -> None:
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.directory / "data"), *arguments
        )

    def initialise(self) -> None:
        """Create the cluster's data directory (trust authentication)."""
        data = str(self.directory / "data")
        self._run(str(PG_BIN / "initdb"), "-D", data, "-A", "trust", "-U", "postgres")

    def start(self) -> None:
        """Start the cluster and wait until it accepts connections."""
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off"
        )
        log = str(self.directory / "server.log")
        self._pg_ctl("-o", options, "-l", log, "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (`fast` ends open sessions; `immediate` aborts)."""
        self._pg_ctl("-m", mode, "-w", "-t", "30", "stop")

    def is_running(self) -> bool:
        """Whether the cluster's server process is up."""
        return (self.directory / "data" / "postmaster.pid").exists()


@contextmanager
def throwaway_cluster() -> Generator[Cluster]:
    """Create and start a cluster; stop and delete it when the block ends."""
    directory = Path(tempfile.mkdtemp(prefix="backend-outage-"))
    if os.geteuid() == 0:
        shutil.chown(directory, user=OWNER, group=OWNER)
    cluster = Cluster(directory, free_port())
    try:
        cluster.initialise()
        cluster.start()
        yield cluster
    finally:
        if cluster.is_running():
            cluster.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)
