from sqlalchemy import Boolean, Column, ForeignKeyConstraint, PrimaryKeyConstraint, String, Table

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import json_document

security_profiles = Table(
    "security_profiles",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("roles", json_document(), nullable=True),
    Column("custom_roles", json_document(), nullable=True),
    Column("password_config", json_document(), nullable=True),
    Column("is_external_role_group", Boolean, nullable=False),
)

# Level follows from which parties are set ("" = unset): none -> every admin user; buyer_id or supplier_id
# alone -> that company's users; user_group_id -> the group's members; user_id -> one user.
security_profile_assignments = Table(
    "security_profile_assignments",
    metadata,
    marketplace_column(primary_key=False),
    Column("security_profile_id", String(ID_LENGTH), nullable=False),
    Column("buyer_id", String(ID_LENGTH), nullable=False),
    Column("supplier_id", String(ID_LENGTH), nullable=False),
    Column("user_group_id", String(ID_LENGTH), nullable=False),
    Column("user_id", String(ID_LENGTH), nullable=False),
    PrimaryKeyConstraint(
        "marketplace_id", "security_profile_id", "buyer_id", "supplier_id", "user_group_id", "user_id"
    ),
    ForeignKeyConstraint(
        ["marketplace_id", "security_profile_id"],
        ["security_profiles.marketplace_id", "security_profiles.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)
