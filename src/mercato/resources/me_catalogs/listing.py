from mercato.db.tables import catalogs
from mercato.listing import ListSpec
from mercato.resources.catalogs.listing import DEFAULT_SORT, FIELDS

# Catalogs' fields and order. CategoryCount is not filterable here: a buyer user's count is of the categories it
# sees, computed per caller.
SPEC = ListSpec(
    fields=FIELDS,
    tiebreak=catalogs.c.id,
    default_sort=DEFAULT_SORT,
    xp=catalogs.c.xp,
    parameters=frozenset({"sellerID"}),
)
