"""Assignments of buyer-owned things to a party of that buyer: the whole buyer ("" group and user), one user group,
or one user. "" marks an unset party so that the row itself is the primary key on both databases. Users and
groups are named by ID; mercato.accounts.references keeps these rows in step when a user or group is renamed or
deleted. The thing assigned is referenced with ON DELETE/UPDATE CASCADE (through a constant ``owner_type``
column where the owning table is shared by several kinds of owner)."""

from sqlalchemy import Boolean, Column, ForeignKeyConstraint, Index, PrimaryKeyConstraint, String, Table, text

from mercato.db.tables.buyers import buyer_column
from mercato.db.tables.metadata import ID_LENGTH, marketplace_column, metadata


def _party() -> list[Column[str]]:
    return [
        Column("user_group_id", String(ID_LENGTH), nullable=False),
        Column("user_id", String(ID_LENGTH), nullable=False),
    ]


def _owner_type() -> Column[str]:
    return Column("owner_type", String(10), nullable=False, server_default=text("'buyer'"))


address_assignments = Table(
    "address_assignments",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    _owner_type(),
    Column("address_id", String(ID_LENGTH), nullable=False),
    *_party(),
    Column("is_shipping", Boolean, nullable=False),
    Column("is_billing", Boolean, nullable=False),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "address_id", "user_group_id", "user_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "owner_type", "buyer_id", "address_id"],
        ["addresses.marketplace_id", "addresses.owner_type", "addresses.company_id", "addresses.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
    Index("ix_address_assignments_party", "marketplace_id", "buyer_id", "user_group_id", "user_id"),
)

cost_center_assignments = Table(
    "cost_center_assignments",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    Column("cost_center_id", String(ID_LENGTH), nullable=False),
    *_party(),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "cost_center_id", "user_group_id", "user_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "buyer_id", "cost_center_id"],
        ["cost_centers.marketplace_id", "cost_centers.buyer_id", "cost_centers.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)

credit_card_assignments = Table(
    "credit_card_assignments",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    _owner_type(),
    Column("credit_card_id", String(ID_LENGTH), nullable=False),
    *_party(),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "credit_card_id", "user_group_id", "user_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "owner_type", "buyer_id", "credit_card_id"],
        ["credit_cards.marketplace_id", "credit_cards.owner_type", "credit_cards.company_id", "credit_cards.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)

spending_account_assignments = Table(
    "spending_account_assignments",
    metadata,
    marketplace_column(primary_key=False),
    buyer_column(),
    Column("spending_account_id", String(ID_LENGTH), nullable=False),
    *_party(),
    Column("allow_exceed", Boolean, nullable=False),
    PrimaryKeyConstraint("marketplace_id", "buyer_id", "spending_account_id", "user_group_id", "user_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "buyer_id", "spending_account_id"],
        ["spending_accounts.marketplace_id", "spending_accounts.buyer_id", "spending_accounts.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)
