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

api_clients = Table(
    "api_clients",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    Column("app_name", String(100), nullable=False),
    Column("client_secret_hash", Text, nullable=True),
    Column("access_token_duration", Integer, nullable=False),
    Column("refresh_token_duration", Integer, nullable=False),
    Column("anonymous_token_duration", Integer, nullable=True),
    Column("active", Boolean, nullable=False),
    Column("default_context_user_name", String(ID_LENGTH), nullable=True),
    Column("allow_any_buyer", Boolean, nullable=False),
    Column("allow_any_supplier", Boolean, nullable=False),
    Column("allow_seller", Boolean, nullable=False),
    Column("is_anon_buyer", Boolean, nullable=False),
    Column("order_checkout_integration_event_id", String(ID_LENGTH), nullable=True),
    Column("order_return_integration_event_id", String(ID_LENGTH), nullable=True),
    Column("add_to_cart_integration_event_id", String(ID_LENGTH), nullable=True),
    Column("minimum_required_roles", json_document(), nullable=True),
    Column("minimum_required_custom_roles", json_document(), nullable=True),
    Column("maximum_granted_roles", json_document(), nullable=True),
    Column("maximum_granted_custom_roles", json_document(), nullable=True),
    Column("xp", json_document(), nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    # The token endpoint knows only client_id: it must name one client (and so one marketplace) everywhere.
    Index("ix_api_clients_id_unique", "id", unique=True),
)

api_client_secrets = Table(
    "api_client_secrets",
    metadata,
    marketplace_column(),
    Column("api_client_id", String(ID_LENGTH), primary_key=True),
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("secret_hash", Text, nullable=False),
    Column("expiration", UtcDateTime, nullable=True),
    Column("date_created", UtcDateTime, nullable=False),
    ForeignKeyConstraint(
        ["marketplace_id", "api_client_id"],
        ["api_clients.marketplace_id", "api_clients.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)

# "" (not NULL) marks an unset party, so that the whole row can be the primary key on both databases.
api_client_assignments = Table(
    "api_client_assignments",
    metadata,
    marketplace_column(primary_key=False),
    Column("api_client_id", String(ID_LENGTH), nullable=False),
    Column("buyer_id", String(ID_LENGTH), nullable=False),
    Column("supplier_id", String(ID_LENGTH), nullable=False),
    PrimaryKeyConstraint("marketplace_id", "api_client_id", "buyer_id", "supplier_id"),
    ForeignKeyConstraint(
        ["marketplace_id", "api_client_id"],
        ["api_clients.marketplace_id", "api_clients.id"],
        ondelete="CASCADE",
        onupdate="CASCADE",
    ),
)
