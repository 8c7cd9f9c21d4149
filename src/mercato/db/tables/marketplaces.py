from sqlalchemy import Column, String, Table

from mercato.db.tables.metadata import id_column, metadata
from mercato.db.types import UtcDateTime

marketplaces = Table(
    "marketplaces",
    metadata,
    id_column(primary_key=True),
    Column("name", String(100), nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
)
