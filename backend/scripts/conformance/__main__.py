"""`python -m scripts.conformance [ROOT]` (from `backend/`): a tree against rule 001.

ROOT defaults to this backend; its `pyproject.toml` supplies the exemptions.
Exit status 0 when every app conforms (each exemption and why it still
applies on stdout), 1 with one line per problem on stderr otherwise.
"""

import sys
from pathlib import Path

from scripts.conformance.checks import load_exemptions, run_checks
from scripts.conformance.exemptions import still_applies

BACKEND = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    """Check the tree at `argv[0]` (default: this backend); return the exit status."""
    root = Path(argv[0]) if argv else BACKEND
    pyproject = root / "pyproject.toml"
    exemptions = load_exemptions(pyproject) if pyproject.is_file() else {}
    problems = run_checks(root, exemptions)
    for problem in problems:
        sys.stderr.write(f"rule 001: {problem}\n")
    if problems:
        return 1
    for line in still_applies(exemptions):
        sys.stdout.write(f"rule 001: exemption still applies: {line}\n")
    sys.stdout.write("rule 001: every app conforms\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
