"""Impersonation configs: which users (the impersonators) may act as which buyer users, through which API client,
with which security profile's roles (SEMANTICS.md §1.7). A null party field matches anyone."""

from sqlalchemy import Column, ForeignKeyConstraint, String, Table

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata


def _party(name: str) -> Column[str]:
    return Column(name, String(ID_LENGTH), nullable=True)


impersonation_configs = Table(
    "impersonation_configs",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    _party("impersonation_buyer_id"),
    _party("impersonation_group_id"),
    _party("impersonation_user_id"),
    _party("buyer_id"),
    _party("group_id"),
    _party("user_id"),
    Column("security_profile_id", String(ID_LENGTH), nullable=False),
    Column("client_id", String(ID_LENGTH), nullable=False),
    # Profiles and clients in use cannot be deleted (Impersonation.CannotDeleteSecurityProfile,
    # ApiClient.UsedByImpersonationConfig); renames follow.
    ForeignKeyConstraint(
        ["marketplace_id", "security_profile_id"],
        ["security_profiles.marketplace_id", "security_profiles.id"],
        ondelete="RESTRICT",
        onupdate="CASCADE",
    ),
    ForeignKeyConstraint(
        ["marketplace_id", "client_id"],
        ["api_clients.marketplace_id", "api_clients.id"],
        ondelete="RESTRICT",
        onupdate="CASCADE",
    ),
)
