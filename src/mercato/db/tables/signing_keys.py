from sqlalchemy import Boolean, Column, String, Table, Text

from mercato.db.tables.metadata import metadata
from mercato.db.types import UtcDateTime, json_document

# Deployment-wide, not per tenant: one issuer signs every marketplace's tokens (docs/decisions/0007-tokens.md).
signing_keys = Table(
    "signing_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_pem", Text, nullable=False),
    Column("public_jwk", json_document(), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("date_created", UtcDateTime, nullable=False),
)
