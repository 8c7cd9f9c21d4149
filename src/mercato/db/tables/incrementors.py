from sqlalchemy import BigInteger, Column, Integer, String, Table

from mercato.db.tables.metadata import id_column, marketplace_column, metadata

incrementors = Table(
    "incrementors",
    metadata,
    marketplace_column(),
    id_column(primary_key=True),
    Column("name", String(100), nullable=True),
    Column("last_number", BigInteger, nullable=False),
    Column("left_padding_count", Integer, nullable=False),
)
