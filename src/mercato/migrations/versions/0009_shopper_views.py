"""shopper views: the products each party sees, ranked, and its lists' counts (mercato.catalog.shopper_views)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

import mercato.db.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shopper_views",
        sa.Column("marketplace_id", sa.String(100), nullable=False),
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("catalog_version", sa.BigInteger(), nullable=False),
        sa.Column("built_at", mercato.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["marketplace_id"],
            ["marketplaces.id"],
            name="fk_shopper_views_marketplace_id_marketplaces",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("marketplace_id", "id", name="pk_shopper_views"),
    )
    op.create_table(
        "shopper_view_products",
        sa.Column("marketplace_id", sa.String(100), nullable=False),
        sa.Column("view_id", sa.String(40), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["marketplace_id"],
            ["marketplaces.id"],
            name="fk_shopper_view_products_marketplace_id_marketplaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["marketplace_id", "view_id"],
            ["shopper_views.marketplace_id", "shopper_views.id"],
            name="fk_shopper_view_products_marketplace_id_shopper_views",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("marketplace_id", "view_id", "ordinal", name="pk_shopper_view_products"),
    )
    op.create_table(
        "shopper_view_lists",
        sa.Column("marketplace_id", sa.String(100), nullable=False),
        sa.Column("view_id", sa.String(40), nullable=False),
        sa.Column("list_key", sa.String(40), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column(
            "facets", sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["marketplace_id"],
            ["marketplaces.id"],
            name="fk_shopper_view_lists_marketplace_id_marketplaces",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["marketplace_id", "view_id"],
            ["shopper_views.marketplace_id", "shopper_views.id"],
            name="fk_shopper_view_lists_marketplace_id_shopper_views",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("marketplace_id", "view_id", "list_key", name="pk_shopper_view_lists"),
    )


def downgrade() -> None:
    op.drop_table("shopper_view_lists")
    op.drop_table("shopper_view_products")
    op.drop_table("shopper_views")
