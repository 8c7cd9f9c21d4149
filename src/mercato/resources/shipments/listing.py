from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, select

from mercato.db.tables import line_items, orders, shipment_items, shipments
from mercato.listing import Field, Kind, ListSpec

c = shipments.c
si = shipment_items.c
li = line_items.c
o = orders.c

# MODELS.md searches ID, BuyerID (p1) and TrackingNumber (p4) and sorts ID, BuyerID and DateDelivered; every
# field filters. DateDelivered is not searched (search matches text; as in decision 0012).
SPEC = ListSpec(
    fields={
        "ID": Field(c.id, search=True, sort=True, nullable=False),
        "BuyerID": Field(c.buyer_id, search=True, sort=True),
        "TrackingNumber": Field(c.tracking_number, search=True),
        "Shipper": Field(c.shipper),
        "DateShipped": Field(c.date_shipped, Kind.DATETIME),
        "DateDelivered": Field(c.date_delivered, Kind.DATETIME, sort=True),
        "Cost": Field(c.cost, Kind.DECIMAL),
        "OwnerID": Field(c.owner_id),
        "Account": Field(c.account),
        "FromAddressID": Field(c.from_address_id),
        "ToAddressID": Field(c.to_address_id),
    },
    tiebreak=c.id,
    default_sort=("ID",),
    xp=c.xp,
    parameters=frozenset({"orderID"}),
)

# MODELS.md sorts OrderID and LineItemID; nothing is searched. The line's echoed fields filter too.
ITEM_SPEC = ListSpec(
    fields={
        "OrderID": Field(si.order_id, sort=True, nullable=False),
        "LineItemID": Field(si.line_item_id, sort=True, nullable=False),
        "QuantityShipped": Field(si.quantity_shipped, Kind.INTEGER, nullable=False),
        "UnitPrice": Field(li.unit_price, Kind.DECIMAL),
        "CostCenter": Field(li.cost_center),
        "DateNeeded": Field(li.date_needed, Kind.DATETIME),
    },
    tiebreak=si.order_id + "/" + si.line_item_id,  # order and line identify an item; "/" is in no ID
    default_sort=("OrderID", "LineItemID"),
    xp=li.xp,
    parameters=frozenset({"orderID"}),
)

ITEM_COLUMNS = (
    si.order_id,
    si.line_item_id,
    si.quantity_shipped,
    li.unit_price,
    li.cost_center,
    li.date_needed,
    li.product,
    li.variant,
    li.specs,
    li.xp,
)


def items_of(marketplace_id: str, shipment_id: str) -> Select[Any]:
    """The shipment's items with their lines, joined to their orders (for visibility)."""
    joined = shipment_items.join(
        line_items, and_(li.marketplace_id == si.marketplace_id, li.order_id == si.order_id, li.id == si.line_item_id)
    ).join(orders, and_(o.marketplace_id == si.marketplace_id, o.id == si.order_id))
    return (
        select(*ITEM_COLUMNS)
        .select_from(joined)
        .where(si.marketplace_id == marketplace_id, si.shipment_id == shipment_id)
    )
