"""the catalog version of each marketplace (mercato.db.catalog_version)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 21:00:00

A plain ADD COLUMN on both databases: a batch (copy-and-rename) migration would drop the old marketplaces table,
and on SQLite with foreign keys on that cascades to every row of the marketplace.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "marketplaces", sa.Column("catalog_version", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
    )


def downgrade() -> None:
    op.execute("ALTER TABLE marketplaces DROP COLUMN catalog_version")  # SQLite 3.35+ and PostgreSQL
