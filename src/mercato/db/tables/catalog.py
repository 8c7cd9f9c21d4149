"""Catalogs, categories, products, price schedules, specs and variants, and their assignments.

Product, catalog, price schedule and spec IDs are unique across the marketplace (SEMANTICS.md §5.1); category IDs
are unique within their catalog, spec option IDs within their spec, variant IDs within their product.
Assignment rows mark an unset party with "" (as in assignments.py). A product's Inventory is flattened into
``inventory_*`` columns so that stock can be changed by atomic UPDATEs.
"""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    text,
)

from mercato.db.tables.buyers import buyer_column, owned_by_buyer
from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document


def _ref(name: str, *, nullable: bool = False) -> Column[str]:
    return Column(name, String(ID_LENGTH), nullable=nullable)


def _cascade(columns: list[str], target: str, target_columns: list[str]) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        columns, [f"{target}.{c}" for c in target_columns], ondelete="CASCADE", onupdate="CASCADE"
    )


def _to_product(column: str = "product_id") -> ForeignKeyConstraint:
    return _cascade(["marketplace_id", column], "products", ["marketplace_id", "id"])


def _to_catalog() -> ForeignKeyConstraint:
    return _cascade(["marketplace_id", "catalog_id"], "catalogs", ["marketplace_id", "id"])


catalogs = Table(
    "catalogs",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("owner_id", nullable=True),
    Column("name", String(100), nullable=False),
    Column("description", String(2000), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("xp", json_document(), nullable=True),
)

catalog_assignments = Table(
    "catalog_assignments",
    metadata,
    marketplace_column(primary_key=False),
    _ref("catalog_id"),
    buyer_column(),
    Column("view_all_categories", Boolean, nullable=False),
    Column("view_all_products", Boolean, nullable=False),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "catalog_id"),
    _to_catalog(),
    owned_by_buyer(),
    Index("ix_catalog_assignments_catalog", "marketplace_id", "catalog_id"),
)

products = Table(
    "products",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("owner_id", nullable=True),
    _ref("default_price_schedule_id", nullable=True),
    Column("auto_forward", Boolean, nullable=False),
    _ref("parent_id", nullable=True),
    Column("is_parent", Boolean, nullable=False),
    Column("is_bundle", Boolean, nullable=False),
    Column("name", String(100), nullable=False),
    Column("description", String(2000), nullable=True),
    Column("quantity_multiplier", Integer, nullable=True),
    Column("ship_weight", Numeric(18, 4), nullable=True),
    Column("ship_height", Numeric(18, 4), nullable=True),
    Column("ship_width", Numeric(18, 4), nullable=True),
    Column("ship_length", Numeric(18, 4), nullable=True),
    Column("active", Boolean, nullable=False),
    _ref("ship_from_address_id", nullable=True),
    Column("inventory_enabled", Boolean, nullable=False),
    Column("inventory_notification_point", Integer, nullable=True),
    Column("inventory_variant_level_tracking", Boolean, nullable=False),
    Column("inventory_order_can_exceed", Boolean, nullable=False),
    Column("inventory_quantity_available", Integer, nullable=True),
    Column("inventory_last_updated", UtcDateTime, nullable=True),
    _ref("default_supplier_id", nullable=True),
    Column("all_suppliers_can_sell", Boolean, nullable=False),
    Column("returnable", Boolean, nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("xp", json_document(), nullable=True),
    Index("ix_products_name", "marketplace_id", "name", "id"),
    # Child products by parent (visibility inherited from the parent; a parent with children cannot be deleted).
    # Partial: most products have no parent, and a full index full of NULLs makes SQLite's statistics (after an
    # ANALYZE) judge it useless, so that it would scan every product to find the few children.
    Index(
        "ix_products_parent",
        "marketplace_id",
        "parent_id",
        sqlite_where=text("parent_id IS NOT NULL"),
        postgresql_where=text("parent_id IS NOT NULL"),
    ),
    # The products whose default schedule a PriceSchedule delete or rename must follow.
    Index("ix_products_default_price_schedule", "marketplace_id", "default_price_schedule_id"),
)

catalog_products = Table(
    "catalog_products",
    metadata,
    marketplace_column(primary_key=False),
    _ref("catalog_id"),
    _ref("product_id"),
    PrimaryKeyConstraint("marketplace_id", "catalog_id", "product_id"),
    _to_catalog(),
    _to_product(),
    Index("ix_catalog_products_product", "marketplace_id", "product_id", "catalog_id"),
)

categories = Table(
    "categories",
    metadata,
    marketplace_column(primary_key=False),
    _ref("catalog_id"),
    id_column(),
    Column("name", String(100), nullable=False),
    Column("description", String(2000), nullable=True),
    Column("list_order", Integer, nullable=True),
    Column("active", Boolean, nullable=False),
    _ref("parent_id", nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "catalog_id", "id"),
    _to_catalog(),
    Index("ix_categories_parent", "marketplace_id", "catalog_id", "parent_id"),
)

category_assignments = Table(
    "category_assignments",
    metadata,
    marketplace_column(primary_key=False),
    _ref("catalog_id"),
    _ref("category_id"),
    buyer_column(),
    Column("user_group_id", String(ID_LENGTH), nullable=False),
    Column("visible", Boolean, nullable=True),
    Column("view_all_products", Boolean, nullable=True),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "catalog_id", "category_id", "user_group_id"),
    _cascade(["marketplace_id", "catalog_id", "category_id"], "categories", ["marketplace_id", "catalog_id", "id"]),
    owned_by_buyer(),
)

category_products = Table(
    "category_products",
    metadata,
    marketplace_column(primary_key=False),
    _ref("catalog_id"),
    _ref("category_id"),
    _ref("product_id"),
    Column("list_order", Integer, nullable=True),
    PrimaryKeyConstraint("marketplace_id", "catalog_id", "category_id", "product_id"),
    _cascade(["marketplace_id", "catalog_id", "category_id"], "categories", ["marketplace_id", "catalog_id", "id"]),
    _to_product(),
    Index("ix_category_products_product", "marketplace_id", "product_id", "catalog_id", "category_id"),
)

price_schedules = Table(
    "price_schedules",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("owner_id", nullable=True),
    Column("name", String(100), nullable=False),
    Column("apply_tax", Boolean, nullable=False),
    Column("apply_shipping", Boolean, nullable=False),
    Column("min_quantity", Integer, nullable=True),
    Column("max_quantity", Integer, nullable=True),
    Column("use_cumulative_quantity", Boolean, nullable=False),
    Column("restricted_quantity", Boolean, nullable=False),
    Column("price_breaks", json_document(), nullable=False),
    Column("currency", String(100), nullable=True),
    Column("sale_start", UtcDateTime, nullable=True),
    Column("sale_end", UtcDateTime, nullable=True),
    Column("xp", json_document(), nullable=True),
)

# Product assignments name the price schedule by ID without a foreign key: deleting a schedule clears the
# references (a composite SET NULL cannot spare marketplace_id), see the price schedule service.
product_assignments = Table(
    "product_assignments",
    metadata,
    marketplace_column(primary_key=False),
    _ref("product_id"),
    buyer_column(),
    Column("user_group_id", String(ID_LENGTH), nullable=False),
    _ref("price_schedule_id", nullable=True),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "product_id", "user_group_id"),
    _to_product(),
    owned_by_buyer(),
    Index("ix_product_assignments_product", "marketplace_id", "product_id"),
    Index("ix_product_assignments_price_schedule", "marketplace_id", "price_schedule_id"),
)

specs = Table(
    "specs",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _ref("owner_id", nullable=True),
    Column("list_order", Integer, nullable=False),
    Column("name", String(100), nullable=False),
    Column("default_value", String(2000), nullable=True),
    Column("required", Boolean, nullable=False),
    Column("allow_open_text", Boolean, nullable=False),
    _ref("default_option_id", nullable=True),
    Column("defines_variant", Boolean, nullable=False),
    Column("xp", json_document(), nullable=True),
)

spec_options = Table(
    "spec_options",
    metadata,
    marketplace_column(primary_key=False),
    _ref("spec_id"),
    id_column(),
    Column("value", String(2000), nullable=False),
    Column("list_order", Integer, nullable=False),
    Column("is_open_text", Boolean, nullable=False),
    Column("price_markup_type", String(20), nullable=True),
    Column("price_markup", Numeric(18, 4), nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "spec_id", "id"),
    _cascade(["marketplace_id", "spec_id"], "specs", ["marketplace_id", "id"]),
)

spec_products = Table(
    "spec_products",
    metadata,
    marketplace_column(primary_key=False),
    _ref("spec_id"),
    _ref("product_id"),
    Column("default_value", String(2000), nullable=True),
    _ref("default_option_id", nullable=True),
    PrimaryKeyConstraint("marketplace_id", "spec_id", "product_id"),
    _cascade(["marketplace_id", "spec_id"], "specs", ["marketplace_id", "id"]),
    _to_product(),
    Index("ix_spec_products_product", "marketplace_id", "product_id"),
)

variants = Table(
    "variants",
    metadata,
    marketplace_column(primary_key=False),
    _ref("product_id"),
    id_column(),
    Column("name", String(100), nullable=True),
    Column("description", String(2000), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("ship_weight", Numeric(18, 4), nullable=True),
    Column("ship_height", Numeric(18, 4), nullable=True),
    Column("ship_width", Numeric(18, 4), nullable=True),
    Column("ship_length", Numeric(18, 4), nullable=True),
    Column("inventory_quantity_available", Integer, nullable=True),
    Column("inventory_notification_point", Integer, nullable=True),
    Column("inventory_last_updated", UtcDateTime, nullable=True),
    Column("specs", json_document(), nullable=False),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "product_id", "id"),
    _to_product(),
)

product_facets = Table(
    "product_facets",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("xp_path", String(300), nullable=False),
    Column("list_order", Integer, nullable=False),
    Column("min_count", Integer, nullable=False),
    Column("xp", json_document(), nullable=True),
    Index("ix_product_facets_xp_path", "marketplace_id", "xp_path", unique=True),
)
