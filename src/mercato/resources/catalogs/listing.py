from mercato.catalog.catalogs import CATEGORY_COUNT, OWNER_ID
from mercato.db.tables import catalog_assignments, catalog_products, catalogs
from mercato.listing import Field, Kind, ListSpec

c = catalogs.c

# MODELS.md / the .NET SDK: ID (search p1, sort p3), Name (search p2, sort p2), Description (search p3); OwnerID
# is sortable in openapi.json and, being the only other sortable field, takes sort priority 1.
FIELDS = {
    "ID": Field(c.id, search=True, sort=True, nullable=False),
    "OwnerID": Field(OWNER_ID, sort=True, nullable=False),
    "Name": Field(c.name, search=True, sort=True, nullable=False),
    "Description": Field(c.description, search=True),
    "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
}
DEFAULT_SORT = ("OwnerID", "Name", "ID")

SPEC = ListSpec(
    fields=FIELDS | {"CategoryCount": Field(CATEGORY_COUNT, Kind.INTEGER, nullable=False)},
    tiebreak=c.id,
    default_sort=DEFAULT_SORT,
    xp=c.xp,
)

# The assignment lists take their documented parameters and page/pageSize only (no fields: the engine refuses
# filters and sortBy; the service refuses search). The service orders by catalog, the tiebreak follows.
ASSIGNMENT_SPEC = ListSpec(
    fields={}, tiebreak=catalog_assignments.c.buyer_id, parameters=frozenset({"catalogID", "buyerID"})
)
PRODUCT_ASSIGNMENT_SPEC = ListSpec(
    fields={}, tiebreak=catalog_products.c.product_id, parameters=frozenset({"catalogID", "productID"})
)
