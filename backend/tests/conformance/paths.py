"""Where the checked trees are: this backend, the broken fixture and the repository."""

from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2]
REPOSITORY = BACKEND.parent
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
