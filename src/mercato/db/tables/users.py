"""Users and user groups of every kind in one pair of tables.

``user_type`` is ``admin`` (the marketplace owner's users), ``buyer`` or ``supplier``; ``company_id`` is the buyer or
supplier ID, and "" for admin users. One table makes "usernames are unique across the whole marketplace" a
single unique index. ``uid`` is the internal identity (the ``u`` token claim): it survives ID changes.
"""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document

users = Table(
    "users",
    metadata,
    marketplace_column(),
    Column("uid", String(32), primary_key=True),
    Column("user_type", String(10), nullable=False),
    Column("company_id", String(ID_LENGTH), nullable=False),
    id_column(),
    Column("username", String(100), nullable=False),
    Column("username_key", String(100), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("first_name", String(100), nullable=True),
    Column("last_name", String(100), nullable=True),
    Column("email", String(200), nullable=True),
    Column("phone", String(100), nullable=True),
    Column("terms_accepted", UtcDateTime, nullable=True),
    Column("active", Boolean, nullable=False),
    Column("xp", json_document(), nullable=True),
    Column("failed_login_attempts", Integer, nullable=False),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    Column("last_active", UtcDateTime, nullable=True),
    Column("password_last_set_date", UtcDateTime, nullable=True),
    Column("token_generation", Integer, nullable=False),
    Column("is_temp", Boolean, nullable=False),
    Column("template_uid", String(32), nullable=True),
    Index("ix_users_key", "marketplace_id", "user_type", "company_id", "id", unique=True),
    Index("ix_users_username", "marketplace_id", "username_key", unique=True),
)

user_groups = Table(
    "user_groups",
    metadata,
    marketplace_column(primary_key=False),
    Column("group_type", String(10), nullable=False),
    Column("company_id", String(ID_LENGTH), nullable=False),
    id_column(),
    Column("name", String(100), nullable=False),
    Column("description", String(2000), nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "group_type", "company_id", "id"),
)

user_group_assignments = Table(
    "user_group_assignments",
    metadata,
    marketplace_column(primary_key=False),
    Column("group_type", String(10), nullable=False),
    Column("company_id", String(ID_LENGTH), nullable=False),
    Column("user_group_id", String(ID_LENGTH), nullable=False),
    Column("user_uid", String(32), nullable=False),
    PrimaryKeyConstraint("marketplace_id", "group_type", "company_id", "user_group_id", "user_uid"),
    ForeignKeyConstraint(
        ["marketplace_id", "group_type", "company_id", "user_group_id"],
        ["user_groups.marketplace_id", "user_groups.group_type", "user_groups.company_id", "user_groups.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
    ForeignKeyConstraint(
        ["marketplace_id", "user_uid"], ["users.marketplace_id", "users.uid"], ondelete="CASCADE", onupdate="CASCADE"
    ),
    Index("ix_user_group_assignments_user", "marketplace_id", "user_uid"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("marketplace_id", String(ID_LENGTH), nullable=False),
    Column("user_uid", String(32), nullable=False),
    Column("client_id", String(ID_LENGTH), nullable=False),
    Column("roles", json_document(), nullable=False),
    Column("token_generation", Integer, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    ForeignKeyConstraint(
        ["marketplace_id", "user_uid"], ["users.marketplace_id", "users.uid"], ondelete="CASCADE", onupdate="CASCADE"
    ),
)
