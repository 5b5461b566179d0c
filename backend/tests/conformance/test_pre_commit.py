"""The pre-commit configuration is valid and every hook runs a real command."""

import shlex
from typing import Any

import pytest

from tests.conformance.paths import BACKEND
from tests.conformance.taskfiles import public_targets
from tests.conformance.tools import VENV_BIN, load_yaml, run_tool

CONFIG = ".pre-commit-config.yaml"
UV_RUN_PREFIXES = (
    ["uv", "run", "--project", "backend"],
    ["uv", "run", "--directory", "backend"],
)
TASK_PREFIX = ["uvx", "--from", "go-task-bin", "task"]


def hooks() -> list[dict[str, Any]]:
    """Every hook of every repo in the configuration."""
    return [hook for repo in load_yaml(CONFIG)["repos"] for hook in repo["hooks"]]


def test_pre_commit_accepts_the_configuration() -> None:
    result = run_tool("pre-commit", "validate-config", CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hooks_cover_format_lint_types_architecture_and_schema() -> None:
    assert [hook["id"] for hook in hooks()] == [
        "ruff-format",
        "ruff-check",
        "pyrefly",
        "import-contracts",
        "rule-001",
        "schema-drift",
    ]


@pytest.mark.parametrize("hook", hooks(), ids=lambda hook: hook["id"])
def test_each_hook_runs_a_command_that_exists(hook: dict[str, Any]) -> None:
    words = shlex.split(hook["entry"])
    if words[:4] == TASK_PREFIX:
        assert words[4] in public_targets()
        return
    prefix = next(p for p in UV_RUN_PREFIXES if words[: len(p)] == p)
    command = words[len(prefix) :]
    if command[:2] == ["python", "-m"]:
        module = BACKEND.joinpath(*command[2].split("."))
        assert (module / "__main__.py").is_file() or module.with_suffix(".py").is_file()
    else:
        assert (VENV_BIN / command[0]).is_file(), command[0]
