from mercato.db.tables import product_facets
from mercato.listing import Field, Kind, ListSpec

c = product_facets.c

# openapi.json: searchOn ID, Name, XpPath; sortBy ListOrder, ID, Name, XpPath.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "XpPath": Field(c.xp_path, search=True, sort=True, nullable=False),
        "ListOrder": Field(c.list_order, Kind.INTEGER, sort=True, nullable=False),
        "MinCount": Field(c.min_count, Kind.INTEGER, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ListOrder",),
    xp=c.xp,
)
