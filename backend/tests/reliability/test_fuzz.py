"""Property-based fuzzing of the served app with Schemathesis: REST and GraphQL.

REST: every operation of the app's own OpenAPI document, signed in, through
all of Schemathesis' phases (examples, coverage, fuzzing, stateful), with
every check on: a 5xx, an undocumented status code, header or content type,
a response that breaks its schema, a request the schema forbids yet is
accepted, one it allows yet is refused, an operation that works without its
bearer token... GraphQL: every query and mutation of the live schema, all
checks too, plus ours: every error carries a client error code. The hooks
(`schemathesis_hooks.py`) forgive only refusals no schema can express.

`FUZZ_MAX_EXAMPLES` (default 50) and `FUZZ_SEED` (default 1) bound and fix
the run.
"""

import json
import os
import subprocess
import sys
from collections.abc import AsyncGenerator
from pathlib import Path

import pytest

from bench.servers import BACKEND_DIR
from tests.reliability.conftest import add_user, sign_in
from tests.reliability.servers import Server, serve, server_env

pytestmark = pytest.mark.reliability

MAX_EXAMPLES = os.environ.get("FUZZ_MAX_EXAMPLES", "50")
SEED = os.environ.get("FUZZ_SEED", "1")
TIMEOUT_SECONDS = 600
# Every Schemathesis check, with its positive_data_acceptance replaced by the
# hook's copy that forgives only refusals no schema can express.
ALL_CHECKS = [
    "--checks",
    "all",
    "--exclude-checks",
    "positive_data_acceptance",
]


@pytest.fixture(scope="module")
async def server(
    app_database: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncGenerator[Server]:
    """The app on its own database, with a user to sign in as."""
    await add_user(app_database)
    log_dir = tmp_path_factory.mktemp("fuzz")
    async with serve(server_env(app_database), log_dir=log_dir) as served:
        yield served


def schemathesis(location: str, options: list[str], report: Path) -> dict[str, object]:
    """Run `st run` on `location`; its JSON report, or a failure with its output."""
    command = [
        str(Path(sys.executable).with_name("st")),
        "run",
        location,
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        *options,
    ]
    finished = subprocess.run(  # noqa: S603 (our own command line)
        command,
        cwd=BACKEND_DIR,
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.reliability.schemathesis_hooks",
        },
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-20_000:] + finished.stderr
    return json.loads(report.read_text())


def summary(report: dict[str, object]) -> str:
    cases = report["test_cases"]
    operations = report["operations"]
    assert isinstance(cases, dict)
    assert isinstance(operations, dict)
    return (
        f"{cases['generated']} test cases over {operations['tested']} operations, "
        f"{cases['with_failures']} failing, seed {SEED}"
    )


async def test_rest_api_survives_fuzzing(
    server: Server, tmp_path: Path, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    report = schemathesis(
        f"{server.url}/schema/openapi.json",
        [
            "--header",
            f"Authorization:{auth['Authorization']}",
            *ALL_CHECKS,
        ],
        tmp_path / "rest.json",
    )
    figures["fuzzing REST (OpenAPI)"] = summary(report)


async def test_graphql_api_survives_fuzzing(
    server: Server, tmp_path: Path, figures: dict[str, str]
) -> None:
    auth = await sign_in(server.url)
    report = schemathesis(
        f"{server.url}/graphql",
        [
            "--header",
            f"Authorization:{auth['Authorization']}",
            *ALL_CHECKS,
        ],
        tmp_path / "graphql.json",
    )
    figures["fuzzing GraphQL"] = summary(report)
