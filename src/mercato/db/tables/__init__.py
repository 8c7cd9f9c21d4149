"""SQLAlchemy Core tables, one module per aggregate, all on one MetaData.

Every tenant table carries ``marketplace_id`` as the first column of its primary key and of every unique key:
the marketplace is the tenant and the shard key (see ARCHITECTURE.md, "Multi-tenant from the first table").
"""

from mercato.db.tables.addresses import addresses
from mercato.db.tables.api_clients import api_client_assignments, api_client_secrets, api_clients
from mercato.db.tables.incrementors import incrementors
from mercato.db.tables.marketplaces import marketplaces
from mercato.db.tables.metadata import metadata
from mercato.db.tables.security_profiles import security_profile_assignments, security_profiles
from mercato.db.tables.signing_keys import signing_keys
from mercato.db.tables.users import refresh_tokens, user_group_assignments, user_groups, users

__all__ = [
    "addresses",
    "api_client_assignments",
    "api_client_secrets",
    "api_clients",
    "incrementors",
    "marketplaces",
    "metadata",
    "refresh_tokens",
    "security_profile_assignments",
    "security_profiles",
    "signing_keys",
    "user_group_assignments",
    "user_groups",
    "users",
]
