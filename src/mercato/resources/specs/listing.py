from sqlalchemy import func, select

from mercato.db.tables import spec_options, spec_products, specs
from mercato.listing import Field, Kind, ListSpec

c = specs.c
o = spec_options.c
a = spec_products.c

OPTION_COUNT = (
    select(func.count())
    .where(o.marketplace_id == c.marketplace_id, o.spec_id == c.id)
    .correlate(specs)
    .scalar_subquery()
    .label("option_count")
)

# MODELS.md: Name (search p1, sort p2), ID (search p2, sort p3), ListOrder (sort p1); every field filters.
FIELDS = {
    "ID": Field(c.id, search=True, sort=True, nullable=False),
    "Name": Field(c.name, search=True, sort=True, nullable=False),
    "ListOrder": Field(c.list_order, Kind.INTEGER, sort=True, nullable=False),
    "OwnerID": Field(c.owner_id),
    "DefaultValue": Field(c.default_value),
    "Required": Field(c.required, Kind.BOOLEAN, nullable=False),
    "AllowOpenText": Field(c.allow_open_text, Kind.BOOLEAN, nullable=False),
    "DefaultOptionID": Field(c.default_option_id),
    "DefinesVariant": Field(c.defines_variant, Kind.BOOLEAN, nullable=False),
    "OptionCount": Field(OPTION_COUNT, Kind.INTEGER, nullable=False),
}
SPEC = ListSpec(fields=FIELDS, tiebreak=c.id, default_sort=("ListOrder",), xp=c.xp)

# MODELS.md SpecOption: Value (search p1), ID (search p2, sort p2), ListOrder (sort p1).
OPTION_SPEC = ListSpec(
    fields={
        "ID": Field(o.id, search=True, sort=True, nullable=False),
        "Value": Field(o.value, search=True, nullable=False),
        "ListOrder": Field(o.list_order, Kind.INTEGER, sort=True, nullable=False),
        "IsOpenText": Field(o.is_open_text, Kind.BOOLEAN, nullable=False),
        "PriceMarkupType": Field(o.price_markup_type),
        "PriceMarkup": Field(o.price_markup, Kind.DECIMAL),
    },
    tiebreak=o.id,
    default_sort=("ListOrder",),
    xp=o.xp,
)

# MODELS.md SpecProductAssignment: SpecID (search p1, sort p1), ProductID (search p2, sort p2).
ASSIGNMENT_SPEC = ListSpec(
    fields={
        "SpecID": Field(a.spec_id, search=True, sort=True, nullable=False),
        "ProductID": Field(a.product_id, search=True, sort=True, nullable=False),
        "DefaultValue": Field(a.default_value),
        "DefaultOptionID": Field(a.default_option_id),
    },
    tiebreak=a.product_id,
    default_sort=("SpecID",),
)
