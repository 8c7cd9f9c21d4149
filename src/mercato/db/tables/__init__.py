"""SQLAlchemy Core tables, one module per aggregate, all on one MetaData.

Every tenant table carries ``marketplace_id`` as the first column of its primary key and of every unique key:
the marketplace is the tenant and the shard key (see ARCHITECTURE.md, "Multi-tenant from the first table").
"""

from mercato.db.tables.incrementors import incrementors
from mercato.db.tables.marketplaces import marketplaces
from mercato.db.tables.metadata import metadata

__all__ = ["incrementors", "marketplaces", "metadata"]
