from sqlalchemy import func, select

from mercato.db.tables import product_assignments, products, spec_products, variants
from mercato.listing import Field, Kind, ListSpec

p = products.c
v = variants.c

SPEC_COUNT = (
    select(func.count())
    .where(spec_products.c.marketplace_id == p.marketplace_id, spec_products.c.product_id == p.id)
    .correlate(products)
    .scalar_subquery()
)
VARIANT_COUNT = (
    select(func.count())
    .where(v.marketplace_id == p.marketplace_id, v.product_id == p.id)
    .correlate(products)
    .scalar_subquery()
)

# MODELS.md: ID (search p1, sort p3), Name (search p3, sort p2), Description (search p4); openapi.json also sorts
# by OwnerID. Every field filters, Inventory's as ``Inventory.QuantityAvailable=>0`` (SEMANTICS.md §3.1).
FIELDS = {
    "ID": Field(p.id, search=True, sort=True, nullable=False),
    "Name": Field(p.name, search=True, sort=True, nullable=False),
    "Description": Field(p.description, search=True),
    "OwnerID": Field(p.owner_id, sort=True),
    "DefaultPriceScheduleID": Field(p.default_price_schedule_id),
    "AutoForward": Field(p.auto_forward, Kind.BOOLEAN, nullable=False),
    "ParentID": Field(p.parent_id),
    "IsParent": Field(p.is_parent, Kind.BOOLEAN, nullable=False),
    "IsBundle": Field(p.is_bundle, Kind.BOOLEAN, nullable=False),
    "QuantityMultiplier": Field(p.quantity_multiplier, Kind.INTEGER),
    "ShipWeight": Field(p.ship_weight, Kind.DECIMAL),
    "ShipHeight": Field(p.ship_height, Kind.DECIMAL),
    "ShipWidth": Field(p.ship_width, Kind.DECIMAL),
    "ShipLength": Field(p.ship_length, Kind.DECIMAL),
    "Active": Field(p.active, Kind.BOOLEAN, nullable=False),
    "SpecCount": Field(SPEC_COUNT, Kind.INTEGER, nullable=False),
    "VariantCount": Field(VARIANT_COUNT, Kind.INTEGER, nullable=False),
    "ShipFromAddressID": Field(p.ship_from_address_id),
    "Inventory.Enabled": Field(p.inventory_enabled, Kind.BOOLEAN, nullable=False),
    "Inventory.NotificationPoint": Field(p.inventory_notification_point, Kind.INTEGER),
    "Inventory.VariantLevelTracking": Field(p.inventory_variant_level_tracking, Kind.BOOLEAN, nullable=False),
    "Inventory.OrderCanExceed": Field(p.inventory_order_can_exceed, Kind.BOOLEAN, nullable=False),
    "Inventory.QuantityAvailable": Field(p.inventory_quantity_available, Kind.INTEGER),
    "Inventory.LastUpdated": Field(p.inventory_last_updated, Kind.DATETIME),
    "DefaultSupplierID": Field(p.default_supplier_id),
    "AllSuppliersCanSell": Field(p.all_suppliers_can_sell, Kind.BOOLEAN, nullable=False),
    "Returnable": Field(p.returnable, Kind.BOOLEAN, nullable=False),
    "DateCreated": Field(p.date_created, Kind.DATETIME, nullable=False),
}
LIST_PARAMETERS = frozenset({"catalogID", "categoryID", "supplierID"})
SPEC = ListSpec(fields=FIELDS, tiebreak=p.id, default_sort=("Name",), xp=p.xp, parameters=LIST_PARAMETERS)

# MODELS.md Variant: ID (search p1, sort p1), Name (search p2, sort p2), Description (search p3).
VARIANT_SPEC = ListSpec(
    fields={
        "ID": Field(v.id, search=True, sort=True, nullable=False),
        "Name": Field(v.name, search=True, sort=True),
        "Description": Field(v.description, search=True),
        "Active": Field(v.active, Kind.BOOLEAN, nullable=False),
        "ShipWeight": Field(v.ship_weight, Kind.DECIMAL),
        "ShipHeight": Field(v.ship_height, Kind.DECIMAL),
        "ShipWidth": Field(v.ship_width, Kind.DECIMAL),
        "ShipLength": Field(v.ship_length, Kind.DECIMAL),
        "Inventory.QuantityAvailable": Field(v.inventory_quantity_available, Kind.INTEGER),
        "Inventory.NotificationPoint": Field(v.inventory_notification_point, Kind.INTEGER),
        "Inventory.LastUpdated": Field(v.inventory_last_updated, Kind.DATETIME),
    },
    tiebreak=v.id,
    default_sort=("ID",),
    xp=v.xp,
)

ASSIGNMENT_PARAMETERS = frozenset({"productID", "priceScheduleID", "buyerID", "userGroupID", "level"})
# ListAssignments takes only these parameters and page/pageSize: without fields the engine refuses any filter or
# sortBy (the service refuses search). The service orders by product and buyer; the engine appends the group.
ASSIGNMENT_SPEC = ListSpec(fields={}, tiebreak=product_assignments.c.user_group_id, parameters=ASSIGNMENT_PARAMETERS)
