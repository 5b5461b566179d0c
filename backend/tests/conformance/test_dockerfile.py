"""backend/Dockerfile has the properties the issue asks for (no Docker engine here).

hadolint lints it too (`.ci/run`); these tests check what a linter cannot:
the stages, the user, the probe, the start command and the build context.
"""

import json
import re
import shlex

import pytest

from tests.conformance.paths import REPOSITORY

DOCKERFILE = REPOSITORY / "backend" / "Dockerfile"
DOCKERIGNORE = REPOSITORY / ".dockerignore"

type Instruction = tuple[str, str]


def instructions() -> list[Instruction]:
    """(KEYWORD, arguments) per instruction, continuation lines joined."""
    logical = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    parsed = []
    for line in logical.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, arguments = line.strip().partition(" ")
            parsed.append((keyword.upper(), arguments.strip()))
    return parsed


def stages() -> dict[str, list[Instruction]]:
    """Instructions per stage, by the stage's `AS` name."""
    found: dict[str, list[Instruction]] = {}
    current: list[Instruction] = []
    for keyword, arguments in instructions():
        if keyword == "FROM":
            current = found.setdefault(arguments.split()[-1], [])
        current.append((keyword, arguments))
    return found


def arguments_of(stage: str, keyword: str) -> list[str]:
    """The arguments of each `keyword` instruction of a stage."""
    return [args for kw, args in stages()[stage] if kw == keyword]


def test_the_image_is_built_in_three_stages() -> None:
    assert list(stages()) == ["frontend", "build", "runtime"]


def test_base_images_match_the_pinned_python_and_node() -> None:
    python = (REPOSITORY / ".python-version").read_text(encoding="utf-8").strip()
    node = (REPOSITORY / "frontend" / ".nvmrc").read_text(encoding="utf-8").strip()
    assert arguments_of("frontend", "FROM")[0].startswith(f"node:{node}-")
    for stage in ("build", "runtime"):
        assert arguments_of(stage, "FROM")[0].startswith(f"python:{python}-")


def test_dependencies_come_from_the_lock_without_dev_tools() -> None:
    syncs = [run for run in arguments_of("build", "RUN") if "uv sync" in run]
    assert syncs
    assert all("--frozen" in run and "--no-dev" in run for run in syncs)


def test_the_frontend_is_built_and_served_from_frontend_dist() -> None:
    assert any("npm ci" in run for run in arguments_of("frontend", "RUN"))
    assert any("npm run build" in run for run in arguments_of("frontend", "RUN"))
    copies = [c for c in arguments_of("runtime", "COPY") if "--from=frontend" in c]
    assert len(copies) == 1
    destination = copies[0].split()[-1]
    env = " ".join(arguments_of("runtime", "ENV"))
    assert f"FRONTEND_DIST={destination}" in env


def test_the_final_image_has_no_build_tools() -> None:
    runtime = " ".join(args for _, args in stages()["runtime"])
    for tool in ("astral-sh/uv", "uv sync", "apt-get install", "pip install", "npm"):
        assert tool not in runtime


def test_the_app_runs_as_a_numeric_non_root_user() -> None:
    users = arguments_of("runtime", "USER")
    assert users, "the runtime stage sets no USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit()
    assert int(uid) != 0
    assert any(f"--uid {uid}" in run for run in arguments_of("runtime", "RUN"))
    keywords = [kw for kw, _ in stages()["runtime"]]
    assert keywords.index("USER") < keywords.index("CMD")


def test_the_healthcheck_probes_health() -> None:
    (healthcheck,) = arguments_of("runtime", "HEALTHCHECK")
    assert "http://127.0.0.1:8000/health" in healthcheck


@pytest.mark.parametrize("keyword", ["CMD", "ENTRYPOINT"])
def test_starting_the_image_runs_no_migration(keyword: str) -> None:
    for command in arguments_of("runtime", keyword):
        assert "upgrade" not in command
        assert "migrat" not in command


def test_the_build_context_sends_only_what_the_image_copies() -> None:
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip()[:1] not in {"", "#"}]
    assert patterns[0] == "*", "exclude everything first, then name what to send"
    included = [p.removeprefix("!").rstrip("/") for p in patterns if p[0] == "!"]
    sources = [
        source
        for stage in ("frontend", "build")
        for copy in arguments_of(stage, "COPY")
        if not copy.startswith("--from")
        for source in copy.split()[:-1]
    ]
    for source in (source.rstrip("/") for source in sources):
        assert any(source == e or source.startswith(f"{e}/") for e in included), source
    for generated in ("frontend/node_modules/", "frontend/.tools/", "frontend/dist/"):
        assert generated in patterns


def runtime_environment() -> dict[str, str]:
    """The runtime stage's `ENV` variables, as the container starts with them."""
    pairs = [
        pair.partition("=")
        for env in arguments_of("runtime", "ENV")
        for pair in shlex.split(env)
    ]
    return {name: value for name, _, value in pairs}


def serving_command() -> list[str]:
    """The runtime stage's `CMD`, in exec form."""
    (command,) = arguments_of("runtime", "CMD")
    parsed = json.loads(command)
    assert isinstance(parsed, list)
    return [str(part) for part in parsed]


def test_the_container_trusts_no_forwarded_headers_unless_configured() -> None:
    # uvicorn's own default trusts 127.0.0.1: any sidecar could then set the
    # client address the rate limits count by.
    assert runtime_environment()["FORWARDED_ALLOW_IPS"] == ""
    command = serving_command()
    assert command[0] == "uvicorn"
    assert not [arg for arg in command if arg.startswith("--forwarded-allow-ips")]


def test_the_container_writes_no_access_log_unless_asked() -> None:
    assert runtime_environment()["UVICORN_ACCESS_LOG"] == "false"
    assert "--access-log" not in serving_command()
