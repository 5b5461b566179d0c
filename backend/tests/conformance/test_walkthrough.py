"""docs/walkthrough.md cannot rot: its links, names, commands and examples are checked.

Every `task` command it shows must be a real target that CI runs (through
`.ci/run`, `.ci/walkthrough.sh`, `.ci/smoke-dev.sh` and the tasks they call),
and its REST and GraphQL examples are sent to the app here.
"""

import json
import re
from pathlib import Path

import httpx
import pytest

from tests.conformance.paths import REPOSITORY
from tests.conformance.taskfiles import public_targets, targets_run_by_ci

WALKTHROUGH = REPOSITORY / "docs" / "walkthrough.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_INLINE_TASK = re.compile(r"`task ([a-z][\w:-]*)[^`]*`")
_STEP = re.compile(r"^- \[ \] \*\*(\d+)\. ", re.MULTILINE)
_IDENTIFIER = re.compile(r"`([A-Za-z_]\w*)`")


def text() -> str:
    """The walkthrough, as committed."""
    return WALKTHROUGH.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The fenced code blocks of one language, in order."""
    return [body for lang, body in _BLOCK.findall(text()) if lang == language]


def local_links() -> list[tuple[str, Path]]:
    """(link text, target file) of every link into the repository."""
    return [
        (label, (WALKTHROUGH.parent / target.partition("#")[0]).resolve())
        for label, target in _LINK.findall(text())
        if not target.startswith(("http://", "https://", "#"))
    ]


def commands() -> list[str]:
    """The targets of every `task` command, in code blocks and in the prose."""
    lines = [line.strip() for body in blocks("bash") for line in body.splitlines()]
    shown = [line for line in lines if line and not line.startswith("#")]
    assert all(line.startswith("task ") for line in shown), shown
    in_blocks = [line.split()[1] for line in shown]
    return in_blocks + _INLINE_TASK.findall(_BLOCK.sub("", text()))


def test_the_readme_links_the_walkthrough() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "(docs/walkthrough.md)" in readme


def test_it_draws_the_architecture_in_mermaid() -> None:
    (diagram,) = blocks("mermaid")
    for layer in ("controllers.py", "graphql/", "services.py", "models.py"):
        assert layer in diagram


@pytest.mark.parametrize(("label", "target"), local_links(), ids=str)
def test_each_link_names_something_that_exists(label: str, target: Path) -> None:
    assert target.exists(), f"{label} -> {target}"
    name = _IDENTIFIER.fullmatch(label)
    if name is not None and target.suffix == ".py":
        definition = (
            rf"^\s*(?:async\s+def|def|class)\s+{name[1]}\b|^\s*{name[1]}\s*[:=]"
        )
        source = target.read_text(encoding="utf-8")
        assert re.search(definition, source, re.MULTILINE), f"{name[1]} in {target}"


def test_every_command_is_a_task_target() -> None:
    assert set(commands()) <= public_targets()


def test_every_command_runs_in_ci() -> None:
    assert set(commands()) - targets_run_by_ci() == set()


def test_the_checklist_has_rule_001s_13_steps() -> None:
    assert [int(n) for n in _STEP.findall(text())] == list(range(1, 14))


async def test_the_rest_example_answers_a_page(
    anonymous_client: httpx.AsyncClient,
) -> None:
    (request,) = blocks("http")
    method, path, _ = request.split()
    response = await anonymous_client.request(method, path)
    assert response.status_code == 200
    assert set(response.json()) == {"items", "page"}
    assert set(response.json()["page"]) == {"next_cursor", "limit", "has_next"}


async def test_the_graphql_example_answers_as_shown(
    client: httpx.AsyncClient,
) -> None:
    (document,), (shown,) = blocks("graphql"), blocks("json")
    response = await client.post("/graphql", json={"query": document})
    body = response.json()
    for error in body["errors"]:
        error.pop("locations")
    assert response.status_code == 200
    assert body == json.loads(shown)
