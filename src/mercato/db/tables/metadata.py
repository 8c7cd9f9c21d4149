from sqlalchemy import Column, ForeignKey, MetaData, String

# Deterministic constraint names, so migrations can name what they alter on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID_LENGTH = 100
"""Maximum length of every writable ID (docs/decisions/0003-ids.md)."""


def id_column(name: str = "id", *, nullable: bool = False, primary_key: bool = False) -> Column[str]:
    return Column(name, String(ID_LENGTH), nullable=nullable, primary_key=primary_key)


def marketplace_column(*, primary_key: bool = True) -> Column[str]:
    """The tenant key: first column of every tenant table's primary key (``primary_key=False`` when the table
    declares its key with an explicit PrimaryKeyConstraint that starts with it)."""
    return Column(
        "marketplace_id",
        String(ID_LENGTH),
        ForeignKey("marketplaces.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )
