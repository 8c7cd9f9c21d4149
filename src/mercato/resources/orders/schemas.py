"""Orders on the wire (MODELS.md "Order", "OrderUser", "OrderApproval", "OrderApprovalInfo").

Writable: ID, FromUserID and ToCompanyID (on create only), BillingAddressID, ShippingAddressID, Comments,
ShippingCost (OverrideShipping), TaxCost (OverrideTax), Gratuity and xp. Everything else is the server's and is
ignored when sent. Addresses and the placing user are the copies the order keeps (mercato.db.tables.orders).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import Row

from mercato.catalog import money
from mercato.db.tables.metadata import ID_LENGTH

OrderID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
MAX_AMOUNT = 1e12

WRITABLE = frozenset(
    {"ID", "FromUserID", "ToCompanyID", "BillingAddressID", "ShippingAddressID", "Comments", "xp"}
    | {"ShippingCost", "TaxCost", "Gratuity"}
)
CREATE_ONLY = frozenset({"FromUserID", "ToCompanyID"})


class Order(msgspec.Struct, kw_only=True):
    ID: OrderID | None = None
    FromUser: dict[str, Any] | None = None
    FromCompanyID: str | None = None
    ToCompanyID: OrderID | None = None
    FromUserID: OrderID | None = None
    BillingAddressID: OrderID | None = None
    BillingAddress: dict[str, Any] | None = None
    ShippingAddressID: OrderID | None = None
    Comments: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    LineItemCount: int = 0
    Status: str = "Unsubmitted"
    DateCreated: datetime | None = None
    DateSubmitted: datetime | None = None
    DateApproved: datetime | None = None
    DateDeclined: datetime | None = None
    DateCanceled: datetime | None = None
    DateCompleted: datetime | None = None
    LastUpdated: datetime | None = None
    Subtotal: float = 0.0
    ShippingCost: Annotated[float, msgspec.Meta(ge=0, le=MAX_AMOUNT)] = 0.0
    TaxCost: Annotated[float, msgspec.Meta(ge=0, le=MAX_AMOUNT)] = 0.0
    Gratuity: Annotated[float, msgspec.Meta(ge=0, le=MAX_AMOUNT)] = 0.0
    Fees: float = 0.0
    PromotionDiscount: float = 0.0
    Currency: str | None = None
    Total: float = 0.0
    IsSubmitted: bool = False
    SubscriptionID: str | None = None
    xp: dict[str, Any] | None = None


def order_from_row(row: Row[Any]) -> Order:
    return order_from_mapping(dict(row._mapping))


def order_from_mapping(r: Mapping[str, Any]) -> Order:
    return Order(
        ID=r["id"],
        FromUser=r["from_user"],
        FromCompanyID=r["from_company_id"],
        ToCompanyID=r["to_company_id"],
        FromUserID=r["from_user_id"],
        BillingAddressID=r["billing_address_id"],
        BillingAddress=r["billing_address"],
        ShippingAddressID=r["shipping_address_id"],
        Comments=r["comments"],
        LineItemCount=r["line_item_count"],
        Status=r["status"],
        DateCreated=r["date_created"],
        DateSubmitted=r["date_submitted"],
        DateApproved=r["date_approved"],
        DateDeclined=r["date_declined"],
        DateCanceled=r["date_canceled"],
        DateCompleted=r["date_completed"],
        LastUpdated=r["last_updated"],
        Subtotal=money.number(r["subtotal"]),
        ShippingCost=money.number(r["shipping_cost"]),
        TaxCost=money.number(r["tax_cost"]),
        Gratuity=money.number(r["gratuity"]),
        Fees=money.number(r["fees"]),
        PromotionDiscount=money.number(r["promotion_discount"]),
        Currency=r["currency"],
        Total=money.number(r["total"]),
        IsSubmitted=r["is_submitted"],
        SubscriptionID=r["subscription_id"],
        xp=r["xp"],
    )


class OrderApproval(msgspec.Struct, kw_only=True):
    ApprovalRuleID: str
    ApprovingGroupID: str
    Status: str
    AllowResubmit: bool = False
    DateCreated: datetime
    DateCompleted: datetime | None = None
    Approver: dict[str, Any] | None = None
    Comments: str | None = None


class OrderApprovalInfo(msgspec.Struct, kw_only=True):
    Comments: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    AllowResubmit: bool = False
