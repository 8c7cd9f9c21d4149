"""PriceSchedule and PriceBreak on the wire, and their conversion into the pricing core's plain types.

Prices are JSON numbers (floats) here and Decimals in the core; they are kept to 4 decimal places
(``mercato.catalog.money``). Price breaks are stored as a JSON array of wire-shaped objects, sorted by Quantity.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.catalog import money, pricing
from mercato.db.tables.metadata import ID_LENGTH

INT32_MAX = 2**31 - 1
MAX_PRICE_BREAKS = 1000
"""Far beyond any tiered price list; it bounds the JSON document a schedule is stored as."""

Money = Annotated[float, msgspec.Meta(ge=0, le=money.MAX_PRICE)]


class PriceBreak(msgspec.Struct, kw_only=True):
    Quantity: Annotated[int, msgspec.Meta(ge=0, le=INT32_MAX)]
    Price: Money
    SalePrice: Money | None = None
    SubscriptionPrice: Money | None = None
    BundlePrice: Money | None = None


class PriceSchedule(msgspec.Struct, kw_only=True):
    OwnerID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    ApplyTax: bool = False
    ApplyShipping: bool = False
    MinQuantity: Annotated[int, msgspec.Meta(ge=1, le=INT32_MAX)] | None = 1
    MaxQuantity: Annotated[int, msgspec.Meta(ge=-INT32_MAX, le=INT32_MAX)] | None = None
    UseCumulativeQuantity: bool = False
    RestrictedQuantity: bool = False
    PriceBreaks: Annotated[list[PriceBreak], msgspec.Meta(max_length=MAX_PRICE_BREAKS)] | None = msgspec.field(
        default_factory=list
    )
    Currency: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    SaleStart: datetime | None = None
    SaleEnd: datetime | None = None
    IsOnSale: bool = False
    xp: dict[str, Any] | None = None


READ_ONLY = frozenset({"OwnerID"})
"""Set on create only (by the marketplace owner); PUT and PATCH keep it."""
COMPUTED = frozenset({"IsOnSale"})


def rounded(price_break: PriceBreak) -> PriceBreak:
    """The break with every price at 4 decimal places."""

    def four(value: float | None) -> float | None:
        return None if value is None else money.number(money.price(value))

    return PriceBreak(
        Quantity=price_break.Quantity,
        Price=money.number(money.price(price_break.Price)),
        SalePrice=four(price_break.SalePrice),
        SubscriptionPrice=four(price_break.SubscriptionPrice),
        BundlePrice=four(price_break.BundlePrice),
    )


def core(schedule: PriceSchedule) -> pricing.Schedule:
    """The pricing core's view of a schedule (``/me/products`` prices through this, line items through the same
    ``pricing.schedule_of`` from the stored row)."""
    return pricing.schedule_of(
        (msgspec.structs.asdict(b) for b in schedule.PriceBreaks or ()),
        min_quantity=schedule.MinQuantity,
        max_quantity=schedule.MaxQuantity,
        use_cumulative_quantity=schedule.UseCumulativeQuantity,
        restricted_quantity=schedule.RestrictedQuantity,
        sale_start=schedule.SaleStart,
        sale_end=schedule.SaleEnd,
    )
