"""The list of ``/me/categories`` runs over ``my_categories``: not a table but the name of the common table
expression the service builds per caller (the categories of one catalog the caller sees, with ChildCount counting
the children it sees). The list engine filters, searches, sorts and pages it like a table."""

from sqlalchemy import Integer, column, table

from mercato.db.tables import categories
from mercato.listing import Field, Kind, ListSpec

CATEGORY_COLUMNS = tuple(c for c in categories.c if c.name != "marketplace_id")

my_categories = table(
    "my_categories", *(column(c.name, c.type) for c in CATEGORY_COLUMNS), column("child_count", Integer())
)

c = my_categories.c

# The fields and order of a catalog's categories (resources/categories/listing.py).
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Description": Field(c.description, search=True),
        "ListOrder": Field(c.list_order, Kind.INTEGER, sort=True),
        "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
        "ParentID": Field(c.parent_id),
        "ChildCount": Field(c.child_count, Kind.INTEGER, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ListOrder", "Name"),
    xp=c.xp,
    parameters=frozenset({"depth", "catalogID", "productID"}),
)
