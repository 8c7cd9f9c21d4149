from sqlalchemy import ColumnElement, func, select

from mercato.db.tables import categories, category_assignments, category_products
from mercato.listing import Field, Kind, ListSpec

c = categories.c
children = categories.alias("children")

CHILD_COUNT: ColumnElement[int] = (
    select(func.count())
    .select_from(children)
    .where(
        children.c.marketplace_id == c.marketplace_id,
        children.c.catalog_id == c.catalog_id,
        children.c.parent_id == c.id,
    )
    .correlate(categories)
    .scalar_subquery()
)
"""Category.ChildCount as an administrator sees it: every immediate child, active or not."""

TREE_PARAMETERS = frozenset({"depth"})

# MODELS.md: ID (search p1, sort), Name (search p2, sort), Description (search p3). ListOrder is sortable too
# (openapi.json lists only ID and Name, but ListOrder is the order a category has within its parent) and leads the
# default order, then Name; the ID breaks ties. ParentID is filtered literally except a plain ParentID=X, which
# anchors ``depth`` (mercato.catalog.tree).
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "Name": Field(c.name, search=True, sort=True, nullable=False),
        "Description": Field(c.description, search=True),
        "ListOrder": Field(c.list_order, Kind.INTEGER, sort=True),
        "Active": Field(c.active, Kind.BOOLEAN, nullable=False),
        "ParentID": Field(c.parent_id),
        "ChildCount": Field(CHILD_COUNT, Kind.INTEGER, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("ListOrder", "Name"),
    xp=c.xp,
    parameters=TREE_PARAMETERS,
)

# The assignment lists take their documented parameters and page/pageSize only; the service orders them.
ASSIGNMENT_SPEC = ListSpec(
    fields={},
    tiebreak=category_assignments.c.user_group_id,
    parameters=frozenset({"categoryID", "buyerID", "userGroupID", "userID", "level"}),
)
PRODUCT_ASSIGNMENT_SPEC = ListSpec(
    fields={}, tiebreak=category_products.c.product_id, parameters=frozenset({"categoryID", "productID"})
)
