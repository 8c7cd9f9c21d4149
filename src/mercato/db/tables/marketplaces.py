from sqlalchemy import Boolean, Column, String, Table, true

from mercato.db.tables.metadata import id_column, metadata
from mercato.db.types import UtcDateTime

marketplaces = Table(
    "marketplaces",
    metadata,
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
)
