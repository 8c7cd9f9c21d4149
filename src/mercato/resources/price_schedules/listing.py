from mercato.db.tables import price_schedules
from mercato.listing import Field, Kind, ListSpec

c = price_schedules.c

# MODELS.md: ID and Name searched and sorted (Name first); openapi.json also searches Currency and sorts OwnerID.
# Every scalar field filters; PriceBreaks (an array) and IsOnSale (computed) do not (SEMANTICS.md §5.3).
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "OwnerID": Field(c.owner_id, sort=True),
        "ApplyTax": Field(c.apply_tax, Kind.BOOLEAN, nullable=False),
        "ApplyShipping": Field(c.apply_shipping, Kind.BOOLEAN, nullable=False),
        "MinQuantity": Field(c.min_quantity, Kind.INTEGER),
        "MaxQuantity": Field(c.max_quantity, Kind.INTEGER),
        "UseCumulativeQuantity": Field(c.use_cumulative_quantity, Kind.BOOLEAN, nullable=False),
        "RestrictedQuantity": Field(c.restricted_quantity, Kind.BOOLEAN, nullable=False),
        "Currency": Field(c.currency, search=True),
        "SaleStart": Field(c.sale_start, Kind.DATETIME),
        "SaleEnd": Field(c.sale_end, Kind.DATETIME),
    },
    tiebreak=c.id,
    default_sort=("Name",),
    xp=c.xp,
)
