"""Every entity of the contract suite: each `tests/<app>/spec.py` defining `SPEC`."""

import importlib
from pathlib import Path

from tests.contract.spec import EntitySpec

_TESTS = Path(__file__).resolve().parents[1]


def _discovered() -> tuple[EntitySpec, ...]:
    specs = []
    for module_file in sorted(_TESTS.glob("*/spec.py")):
        module = importlib.import_module(f"tests.{module_file.parent.name}.spec")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, EntitySpec):
            specs.append(spec)
    return tuple(specs)


SPECS = _discovered()
