"""product indexes: child products by parent, and the references to price schedules

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 08:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_products_parent",
        "products",
        ["marketplace_id", "parent_id"],
        unique=False,
        sqlite_where=sa.text("parent_id IS NOT NULL"),
        postgresql_where=sa.text("parent_id IS NOT NULL"),
    )
    op.create_index(
        "ix_products_default_price_schedule", "products", ["marketplace_id", "default_price_schedule_id"], unique=False
    )
    op.create_index(
        "ix_product_assignments_price_schedule",
        "product_assignments",
        ["marketplace_id", "price_schedule_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_product_assignments_price_schedule", table_name="product_assignments")
    op.drop_index("ix_products_default_price_schedule", table_name="products")
    op.drop_index("ix_products_parent", table_name="products")
