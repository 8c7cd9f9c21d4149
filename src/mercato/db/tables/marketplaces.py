from sqlalchemy import BigInteger, Boolean, Column, String, Table, text, true

from mercato.db.tables.metadata import id_column, metadata
from mercato.db.types import UtcDateTime

marketplaces = Table(
    "marketplaces",
    metadata,
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
    # Changes (to a random value) with every write to what shoppers see: mercato.db.catalog_version.
    Column("catalog_version", BigInteger, nullable=False, server_default=text("0")),
)
