from sqlalchemy import Column, PrimaryKeyConstraint, String, Table

from mercato.db.tables.metadata import ID_LENGTH, id_column, marketplace_column, metadata
from mercato.db.types import UtcDateTime, json_document

# owner_type: admin (the marketplace's own addresses), buyer, supplier, or me (a buyer user's private address,
# company_id = that user's uid). company_id is "" for admin addresses.
addresses = Table(
    "addresses",
    metadata,
    marketplace_column(primary_key=False),
    Column("owner_type", String(10), nullable=False),
    Column("company_id", String(ID_LENGTH), nullable=False),
    id_column(),
    Column("date_created", UtcDateTime, nullable=False),
    Column("company_name", String(100), nullable=True),
    Column("first_name", String(100), nullable=True),
    Column("last_name", String(100), nullable=True),
    Column("street1", String(100), nullable=False),
    Column("street2", String(100), nullable=True),
    Column("city", String(100), nullable=False),
    Column("state", String(100), nullable=True),
    Column("zip", String(100), nullable=True),
    Column("country", String(2), nullable=False),
    Column("phone", String(100), nullable=True),
    Column("address_name", String(100), nullable=True),
    Column("xp", json_document(), nullable=True),
    PrimaryKeyConstraint("marketplace_id", "owner_type", "company_id", "id"),
)
