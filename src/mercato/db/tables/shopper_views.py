"""Shopper views: the products a party (a buyer and an exact set of its user groups, optionally one catalog) sees,
ranked in /me/products' default order, as of one catalog version (mercato.catalog.shopper_views).

A read model: derived from the catalog tables, never written by a request that changes the catalog, and safe to
drop at any time (it is rebuilt on demand). Rows name products without a foreign key: a product's deletion moves
the catalog version, which retires every view built before it, so a cascade would only slow the deletion.
"""

from sqlalchemy import BigInteger, Column, ForeignKeyConstraint, Integer, PrimaryKeyConstraint, String, Table

from mercato.db.tables.metadata import ID_LENGTH, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document

VIEW_ID_LENGTH = 40

shopper_views = Table(
    "shopper_views",
    metadata,
    marketplace_column(),
    Column("id", String(VIEW_ID_LENGTH), primary_key=True),
    Column("catalog_version", BigInteger, nullable=False),
    Column("built_at", UtcDateTime, nullable=False),
    Column("total", Integer, nullable=False),
)

shopper_view_products = Table(
    "shopper_view_products",
    metadata,
    marketplace_column(primary_key=False),
    Column("view_id", String(VIEW_ID_LENGTH), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("product_id", String(ID_LENGTH), nullable=False),
    PrimaryKeyConstraint("marketplace_id", "view_id", "ordinal"),
    ForeignKeyConstraint(
        ["marketplace_id", "view_id"],
        ["shopper_views.marketplace_id", "shopper_views.id"],
        ondelete="CASCADE",
    ),
)

shopper_view_lists = Table(
    "shopper_view_lists",
    metadata,
    marketplace_column(primary_key=False),
    Column("view_id", String(VIEW_ID_LENGTH), nullable=False),
    Column("list_key", String(VIEW_ID_LENGTH), nullable=False),
    Column("total", Integer, nullable=False),
    Column("facets", json_document(), nullable=False),
    PrimaryKeyConstraint("marketplace_id", "view_id", "list_key"),
    ForeignKeyConstraint(
        ["marketplace_id", "view_id"],
        ["shopper_views.marketplace_id", "shopper_views.id"],
        ondelete="CASCADE",
    ),
)
"""The count and facets of one list (search, filters, category) of a view, shared by every server process."""

READ_MODELS = frozenset({shopper_views, shopper_view_products, shopper_view_lists})
"""Tables derived from the others, which a read may fill (so "a request changed nothing" leaves them out)."""
