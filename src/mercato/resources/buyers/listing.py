from mercato.db.tables import buyers
from mercato.listing import Field, Kind, ListSpec

c = buyers.c

SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "DefaultCatalogID": Field(c.default_catalog_id),
        "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
        "DateCreated": Field(c.date_created, Kind.DATETIME, sort=True, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ID",),
    xp=c.xp,
)
