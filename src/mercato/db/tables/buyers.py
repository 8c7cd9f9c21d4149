"""Buyer organisations and what they own. Buyer-owned rows reference their buyer with ON DELETE/UPDATE CASCADE,
so deleting or renaming a buyer takes everything it owns along."""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document

buyers = Table(
    "buyers",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("default_catalog_id", String(ID_LENGTH), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("xp", json_document(), nullable=True),
)


def buyer_column() -> Column[str]:
    return Column("buyer_id", String(ID_LENGTH), nullable=False)


def owned_by_buyer() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["marketplace_id", "buyer_id"], ["buyers.marketplace_id", "buyers.id"], ondelete="CASCADE", onupdate="CASCADE"
    )


cost_centers = Table(
    "cost_centers",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    id_column(),
    Column("name", String(100), nullable=False),
    Column("description", String(2000), nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "id"),
    owned_by_buyer(),
)

spending_accounts = Table(
    "spending_accounts",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    id_column(),
    Column("name", String(100), nullable=False),
    Column("balance", Numeric(18, 2), nullable=False),
    Column("allow_as_payment_method", Boolean, nullable=False),
    Column("redemption_code", String(100), nullable=True),
    Column("start_date", UtcDateTime, nullable=True),
    Column("end_date", UtcDateTime, nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "id"),
    owned_by_buyer(),
    Index("ix_spending_accounts_redemption_code", "marketplace_id", "buyer_id", "redemption_code", unique=True),
)

approval_rules = Table(
    "approval_rules",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    id_column(),
    Column("name", String(100), nullable=True),
    Column("description", String(2000), nullable=True),
    Column("approving_group_id", String(ID_LENGTH), nullable=False),
    Column("rule_expression", Text, nullable=False),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "id"),
    owned_by_buyer(),
)

# Credit cards: owner_type "buyer" (company_id = the buyer) or "me" (a buyer user's private card, company_id = the
# user's uid). Only tokens and display data are kept, never a full card number.
credit_cards = Table(
    "credit_cards",
    metadata,
    marketplace_column(primary_key=False),
    Column("owner_type", String(10), nullable=False),
    Column("company_id", String(ID_LENGTH), nullable=False),
    id_column(),
    Column("token", String(100), nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    Column("card_type", String(100), nullable=True),
    Column("partial_account_number", String(5), nullable=True),
    Column("cardholder_name", String(100), nullable=True),
    Column("expiration_date", UtcDateTime, nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "owner_type", "company_id", "id"),
)
