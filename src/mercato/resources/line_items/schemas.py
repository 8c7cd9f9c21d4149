"""Line items on the wire (MODELS.md "LineItem", "LineItemSpec"). Writable: ID, ProductID (on create), Quantity,
UnitPrice (with OverrideUnitPrice; ignored otherwise, as a read-only field), CostCenter, DateNeeded,
ShippingAccount, ShippingAddressID, ShipFromAddressID, InventoryRecordID, Specs (SpecID, OptionID, Value) and xp."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import Row

from mercato.catalog import money
from mercato.db.tables.metadata import ID_LENGTH

LineID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
INT32_MAX = 2**31 - 1


class LineItemSpec(msgspec.Struct, kw_only=True):
    SpecID: LineID
    Name: str | None = None
    OptionID: LineID | None = None
    Value: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    PriceMarkupType: str | None = None
    PriceMarkup: float | None = None


class LineItem(msgspec.Struct, kw_only=True):
    ID: LineID | None = None
    ProductID: LineID | None = None
    Quantity: Annotated[int, msgspec.Meta(le=INT32_MAX)] = 1
    BundleItemID: str | None = None
    IsBundle: bool = False
    DateAdded: datetime | None = None
    QuantityShipped: int = 0
    UnitPrice: Annotated[float, msgspec.Meta(ge=0, le=money.MAX_PRICE)] | None = None
    PromotionDiscount: float = 0.0
    LineTotal: float = 0.0
    LineSubtotal: float = 0.0
    CostCenter: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    DateNeeded: datetime | None = None
    ShippingAccount: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    ShippingAddressID: LineID | None = None
    ShipFromAddressID: LineID | None = None
    Product: dict[str, Any] | None = None
    Variant: dict[str, Any] | None = None
    ShippingAddress: dict[str, Any] | None = None
    ShipFromAddress: dict[str, Any] | None = None
    SupplierID: str | None = None
    InventoryRecordID: LineID | None = None
    PriceScheduleID: str | None = None
    IsOnSale: bool = False
    PriceOverridden: bool = False
    Specs: list[LineItemSpec] = msgspec.field(default_factory=list)
    IncomingOrderID: str | None = None
    OutgoingOrderID: str | None = None
    xp: dict[str, Any] | None = None


def line_from_row(row: Row[Any]) -> LineItem:
    r = row._mapping
    return LineItem(
        ID=r["id"],
        ProductID=r["product_id"],
        Quantity=r["quantity"],
        DateAdded=r["date_added"],
        QuantityShipped=r["quantity_shipped"],
        UnitPrice=None if r["unit_price"] is None else money.number(r["unit_price"]),
        PromotionDiscount=money.number(r["promotion_discount"]),
        LineTotal=money.number(r["line_total"]),
        LineSubtotal=money.number(r["line_subtotal"]),
        CostCenter=r["cost_center"],
        DateNeeded=r["date_needed"],
        ShippingAccount=r["shipping_account"],
        ShippingAddressID=r["shipping_address_id"],
        ShipFromAddressID=r["ship_from_address_id"],
        Product=r["product"],
        Variant=r["variant"],
        ShippingAddress=r["shipping_address"],
        ShipFromAddress=r["ship_from_address"],
        SupplierID=r["supplier_id"],
        InventoryRecordID=r["inventory_record_id"],
        PriceScheduleID=r["price_schedule_id"],
        IsOnSale=r["is_on_sale"],
        PriceOverridden=r["price_overridden"],
        Specs=[LineItemSpec(**entry) for entry in r["specs"] or []],
        xp=r["xp"],
    )


class ExtendedLineItem(LineItem, kw_only=True):
    """A line item listed across orders (LineItems.ListAcrossOrders), with its order."""

    OrderID: str
    Order: dict[str, Any]
