from dataclasses import replace

from mercato.db.tables import line_items
from mercato.listing import Field, Kind, ListSpec

c = line_items.c

# MODELS.md: ID and ProductID searchable; ID, ProductID and DateAdded sortable.
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "ProductID": Field(c.product_id, search=True, sort=True, nullable=False),
        "Quantity": Field(c.quantity, Kind.INTEGER, sort=True, nullable=False),
        "DateAdded": Field(c.date_added, Kind.DATETIME, sort=True, nullable=False),
        "QuantityShipped": Field(c.quantity_shipped, Kind.INTEGER, nullable=False),
        "UnitPrice": Field(c.unit_price, Kind.DECIMAL, sort=True),
        "LineTotal": Field(c.line_total, Kind.DECIMAL, sort=True, nullable=False),
        "LineSubtotal": Field(c.line_subtotal, Kind.DECIMAL, sort=True, nullable=False),
        "PromotionDiscount": Field(c.promotion_discount, Kind.DECIMAL, nullable=False),
        "CostCenter": Field(c.cost_center, sort=True),
        "DateNeeded": Field(c.date_needed, Kind.DATETIME, sort=True),
        "ShippingAccount": Field(c.shipping_account),
        "ShippingAddressID": Field(c.shipping_address_id),
        "ShipFromAddressID": Field(c.ship_from_address_id),
        "SupplierID": Field(c.supplier_id),
        "InventoryRecordID": Field(c.inventory_record_id),
        "PriceScheduleID": Field(c.price_schedule_id),
        "IsOnSale": Field(c.is_on_sale, Kind.BOOLEAN, nullable=False),
        "PriceOverridden": Field(c.price_overridden, Kind.BOOLEAN, nullable=False),
    },
    tiebreak=c.id,
    default_sort=("DateAdded",),
    xp=c.xp,
)

ACROSS_SPEC = replace(
    SPEC,
    fields={**SPEC.fields, "OrderID": Field(c.order_id, sort=True, nullable=False)},
    parameters=frozenset({"buyerID", "supplierID", "from", "to"}),
)
"""Across orders the order's ID filters and sorts too; buyerID, supplierID, from and to narrow the orders."""
