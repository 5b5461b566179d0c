"""trigram search indexes on book title and author

Revision ID: a3f9e1c07b52
Revises: df55fc2456ab
Create Date: 2026-12-01 10:00:00.000000

`q` matches a substring of the title or the author (`ILIKE '%text%'`); a
B-tree cannot serve that, a `pg_trgm` GIN index can. pg_trgm is a trusted
extension (PostgreSQL 13+): a role with CREATE on the database may create it.

The downgrade keeps the extension: it belongs to the whole database, may have
been there before this revision (`IF NOT EXISTS`) and other objects may use it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "a3f9e1c07b52"
down_revision: str | None = "df55fc2456ab"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("title", "author"):
        op.create_index(
            f"ix_book_{column}_trgm",
            "book",
            [column],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={column: "gin_trgm_ops"},
        )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_book_author_trgm", table_name="book", postgresql_using="gin")
    op.drop_index("ix_book_title_trgm", table_name="book", postgresql_using="gin")
    # Only these indexes use pg_trgm: the revision that created it removes it.
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
