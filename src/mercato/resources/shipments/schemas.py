"""Shipments and their items on the wire (MODELS.md "Shipment", "ShipmentItem").

Shipment: everything is writable but FromAddress and ToAddress (the copies kept of the addresses named by
FromAddressID/ToAddressID, or set once by ``PUT …/shipfrom|shipto``) and OwnerID, which only a create sets. Cost is
money for reference (NUMERIC(18,2), rounded to cents), a JSON number on the wire.

ShipmentItem: OrderID, LineItemID and QuantityShipped are written; the rest echoes the line item (read-only).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import Row

from mercato.catalog import money
from mercato.db.tables.metadata import ID_LENGTH

ShipmentID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
RequiredID = Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
Text100 = Annotated[str, msgspec.Meta(max_length=100)]
MAX_COST = 1e12
MAX_QUANTITY = 2**31 - 1


class Shipment(msgspec.Struct, kw_only=True):
    ID: ShipmentID | None = None
    BuyerID: ShipmentID | None = None
    Shipper: Text100 | None = None
    DateShipped: datetime | None = None
    DateDelivered: datetime | None = None
    TrackingNumber: Annotated[str, msgspec.Meta(max_length=3000)] | None = None
    Cost: Annotated[float, msgspec.Meta(ge=-MAX_COST, le=MAX_COST)] | None = None
    OwnerID: ShipmentID | None = None
    Account: Text100 | None = None
    FromAddressID: ShipmentID | None = None
    ToAddressID: ShipmentID | None = None
    FromAddress: dict[str, Any] | None = None
    ToAddress: dict[str, Any] | None = None
    xp: dict[str, Any] | None = None


class ShipmentItem(msgspec.Struct, kw_only=True):
    OrderID: RequiredID
    LineItemID: RequiredID
    QuantityShipped: Annotated[int, msgspec.Meta(ge=1, le=MAX_QUANTITY)]
    UnitPrice: float | None = None
    CostCenter: str | None = None
    DateNeeded: datetime | None = None
    Product: dict[str, Any] | None = None
    Variant: dict[str, Any] | None = None
    Specs: list[Any] | None = None
    xp: dict[str, Any] | None = None


def item_from_row(row: Row[Any]) -> ShipmentItem:
    """A row of ``ITEM_COLUMNS`` (mercato.resources.shipments.listing) as the wire model."""
    r = row._mapping
    unit_price = r["unit_price"]
    return ShipmentItem(
        OrderID=r["order_id"],
        LineItemID=r["line_item_id"],
        QuantityShipped=r["quantity_shipped"],
        UnitPrice=None if unit_price is None else money.number(unit_price),
        CostCenter=r["cost_center"],
        DateNeeded=r["date_needed"],
        Product=r["product"],
        Variant=r["variant"],
        Specs=r["specs"],
        xp=r["xp"],
    )
