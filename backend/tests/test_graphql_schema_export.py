"""The committed `frontend/schema/schema.graphql` is the live schema."""

from pathlib import Path

from strawberry.printer import print_schema

from backend.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "frontend/schema/schema.graphql"


def test_committed_schema_matches_the_live_schema() -> None:
    exported = print_schema(schema) + "\n"  # what `strawberry export-schema` writes
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == exported, (
        f"{SCHEMA_FILE.name} is stale: run `task backend:schema:export` "
        "and commit the result"
    )
