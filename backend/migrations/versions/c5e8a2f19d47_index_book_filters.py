"""index the book author and publication date filters

Revision ID: c5e8a2f19d47
Revises: b7d41c2e9a30
Create Date: 2026-12-02 10:00:00.000000

The `author` filter matches the name in any case (`lower(author) = :name`):
without an index on that expression every such listing or count read the
whole table, or walked a whole sort index. `published_after` and
`published_before` are ranges of the plain column; the date-order indexes
hold the NULLS LAST key instead, so they cannot answer them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5e8a2f19d47"
down_revision: str | None = "b7d41c2e9a30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index(
        "ix_book_author_lower", "book", [sa.text("lower(author)")], unique=False
    )
    op.create_index("ix_book_published_on", "book", ["published_on"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_book_published_on", table_name="book")
    op.drop_index("ix_book_author_lower", table_name="book")
