"""The project's own tools (from this virtualenv) and YAML, for the delivery checks."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conformance.paths import REPOSITORY

VENV_BIN = Path(sys.executable).parent


def load_yaml(relative_path: str) -> Any:
    """A YAML file of the repository, parsed (anchors resolved)."""
    return yaml.safe_load((REPOSITORY / relative_path).read_text(encoding="utf-8"))


def run_tool(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a console script of this virtualenv from the repository root."""
    return subprocess.run(  # noqa: S603  (our own virtualenv's tools)
        [str(VENV_BIN / tool), *args],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )


def validate_against_builtin_schema(schema: str, relative_path: str) -> str:
    """check-jsonschema's verdict on a file, with a schema it ships (`vendor.*`)."""
    result = run_tool("check-jsonschema", "--builtin-schema", schema, relative_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()
