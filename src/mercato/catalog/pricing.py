"""Pricing: the pure core over price schedules, price breaks and spec markups (SEMANTICS.md §5.3-5.5).

No database, no framework: plain frozen dataclasses in, Decimals and ``mercato.errors.BadRequest`` out, so that
price schedules, ``/me/products`` and line items all price the same way. Resources convert their wire models
into ``Schedule``/``PriceBreak``/``Markup`` (see ``resources/price_schedules/schemas.py``).

How a line is priced (docs/decisions/0016-price-schedules-and-pricing.md):

1. ``check_line_quantity`` (``check_quantity``) — the schedule's MinQuantity, MaxQuantity and RestrictedQuantity,
   applied to the line's quantity, or to the product's quantity summed over the order when the schedule has
   UseCumulativeQuantity.
2. ``unit_price`` — the break with the largest Quantity at or below that quantity (``select_break``); its
   SalePrice when the schedule is on sale and the break has one, else its Price; then the spec markups.
3. ``line_totals`` — UnitPrice (4 places), LineSubtotal and LineTotal (2 places).

Datetimes are timezone-aware; quantities are ints; money is Decimal (``mercato.catalog.money``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from mercato.catalog import money
from mercato.errors import BadRequest

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class PriceScheduleCode(StrEnum):
    """OrderCloud's PriceSchedule.* error codes (SEMANTICS.md §4.4), for the core and the resources alike."""

    CANNOT_BE_LESS_THAN_MIN = "PriceSchedule.CannotBeLessThanMin"
    CANNOT_EXCEED_MAX = "PriceSchedule.CannotExceedMax"
    QUANTITY_NOT_ALLOWED = "PriceSchedule.QuantityNotAllowed"
    CUMULATIVE_CANNOT_BE_LESS_THAN_MIN = "PriceSchedule.CumulativeCannotBeLessThanMin"
    CUMULATIVE_CANNOT_EXCEED_MAX = "PriceSchedule.CumulativeCannotExceedMax"
    CUMULATIVE_QUANTITY_NOT_ALLOWED = "PriceSchedule.CumulativeQuantityNotAllowed"
    NO_PRICE_BREAKS = "PriceSchedule.NoPriceBreaks"
    QTY_NOT_FOUND = "PriceSchedule.QtyNotFound"
    DUPLICATE_PRICE_BREAKS = "PriceSchedule.DuplicatePriceBreaks"
    MIN_QTY_MUST_BE_POSITIVE = "PriceSchedule.MinQtyMustBePositive"
    MIN_GREATER_THAN_MAX = "PriceSchedule.MinGreaterThanMax"
    INVALID_SALE_START_OR_SALE_END = "PriceSchedule.InvalidSaleStartOrSaleEnd"
    CANNOT_MODIFY_CURRENCY = "PriceSchedule.CannotModifyCurrency"
    CANNOT_DELETE_LAST_PRICE_BREAK = "PriceSchedule.CannotDeleteLastPriceBreak"
    CANNOT_CLEAR_PRICE_BREAKS = "PriceSchedule.CannotClearPriceBreaks"
    MISSING_OR_CONFLICTING = "PriceSchedule.MissingOrConflicting"
    CURRENCY_MISMATCH = "PriceSchedule.CurrencyMismatch"


QUANTITY_POSITIVE = "LineItem.QuantityMustBePositive"


class MarkupType(StrEnum):
    """OrderCloud's PriceMarkupType."""

    NoMarkup = "NoMarkup"
    AmountPerQuantity = "AmountPerQuantity"
    AmountTotal = "AmountTotal"
    Percentage = "Percentage"


@dataclass(frozen=True, slots=True)
class PriceBreak:
    quantity: int
    price: Decimal
    sale_price: Decimal | None = None
    subscription_price: Decimal | None = None
    """Carried for subscription orders; ``unit_price`` does not use it yet."""
    bundle_price: Decimal | None = None
    """Carried for bundle items; ``unit_price`` does not use it yet."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """What pricing needs of a PriceSchedule. ``breaks`` in any order; ``sale_start``/``sale_end`` aware or None
    (an open bound)."""

    breaks: tuple[PriceBreak, ...] = ()
    min_quantity: int = 1
    max_quantity: int | None = None
    use_cumulative_quantity: bool = False
    restricted_quantity: bool = False
    sale_start: datetime | None = None
    sale_end: datetime | None = None


def schedule_of(
    breaks: Iterable[Mapping[str, Any]],
    *,
    min_quantity: int | None,
    max_quantity: int | None,
    use_cumulative_quantity: bool,
    restricted_quantity: bool,
    sale_start: datetime | None,
    sale_end: datetime | None,
) -> Schedule:
    """A stored PriceSchedule's fields as the core's Schedule; ``breaks`` are JSON-shaped PriceBreaks (Quantity,
    Price, SalePrice, SubscriptionPrice, BundlePrice), as the wire model and the ``price_breaks`` column hold
    them. Numbers become the Decimals they were written as (``money.exact``)."""

    def exact(value: Any) -> Decimal | None:
        return None if value is None else money.exact(value)

    return Schedule(
        breaks=tuple(
            PriceBreak(
                quantity=int(b["Quantity"]),
                price=money.exact(b["Price"]),
                sale_price=exact(b.get("SalePrice")),
                subscription_price=exact(b.get("SubscriptionPrice")),
                bundle_price=exact(b.get("BundlePrice")),
            )
            for b in breaks
        ),
        min_quantity=min_quantity or 1,
        max_quantity=max_quantity,
        use_cumulative_quantity=use_cumulative_quantity,
        restricted_quantity=restricted_quantity,
        sale_start=sale_start,
        sale_end=sale_end,
    )


@dataclass(frozen=True, slots=True)
class Markup:
    """A chosen spec option's PriceMarkupType and PriceMarkup; a null type or amount adds nothing."""

    type: MarkupType | None
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LinePrice:
    """A line's price before rounding: what ``unit_price`` resolved, for ``line_totals``."""

    price_break: PriceBreak
    base: Decimal
    """The break's Price, or its SalePrice when that applies."""
    is_on_sale: bool
    """The schedule is on sale now and the chosen break has a SalePrice (LineItem.IsOnSale)."""
    per_unit: Decimal
    """base + AmountPerQuantity markups + Percentage markups (of base), per unit."""
    per_line: Decimal
    """AmountTotal markups: added once to the line, whatever its quantity."""
    quantity: int
    """The line's quantity (not the cumulative one): AmountTotal markups are spread over it."""

    @property
    def subtotal(self) -> Decimal:
        """The unrounded line subtotal: per_unit * quantity + per_line."""
        return self.per_unit * self.quantity + self.per_line

    @property
    def unit_price(self) -> Decimal:
        """The unrounded unit price: per_unit + per_line / quantity (AmountTotal gives each unit M/Q)."""
        return self.per_unit + self.per_line / self.quantity


@dataclass(frozen=True, slots=True)
class LineTotals:
    unit_price: Decimal
    """LineItem.UnitPrice: 4 decimal places."""
    line_subtotal: Decimal
    """LineItem.LineSubtotal: from the unrounded price, 2 decimal places."""
    line_total: Decimal
    """LineItem.LineTotal = LineSubtotal - PromotionDiscount, 2 decimal places."""


# --- sale ------------------------------------------------------------------------------------------------------


def sale_window_open(schedule: Schedule, now: datetime) -> bool:
    """``now`` lies in [SaleStart, SaleEnd], both ends included; a null end is open."""
    return (schedule.sale_start is None or schedule.sale_start <= now) and (
        schedule.sale_end is None or now <= schedule.sale_end
    )


def is_on_sale(schedule: Schedule, now: datetime) -> bool:
    """PriceSchedule.IsOnSale: some break has a SalePrice and ``now`` is within the sale window."""
    return any(b.sale_price is not None for b in schedule.breaks) and sale_window_open(schedule, now)


# --- quantities ------------------------------------------------------------------------------------------------


def select_break(breaks: Iterable[PriceBreak], quantity: int) -> PriceBreak:
    """The break with the largest Quantity at or below ``quantity`` (a break at 0 applies from 0 up).

    No breaks at all: 400 PriceSchedule.NoPriceBreaks. Every break above ``quantity``: 400
    PriceSchedule.QtyNotFound, ``Data = {Quantity}``."""
    candidates = list(breaks)
    if not candidates:
        raise BadRequest(PriceScheduleCode.NO_PRICE_BREAKS, "The price schedule has no price breaks")
    eligible = [b for b in candidates if b.quantity <= quantity]
    if not eligible:
        raise BadRequest(
            PriceScheduleCode.QTY_NOT_FOUND,
            f"The price schedule has no price break for a quantity of {quantity}",
            {"Quantity": quantity},
        )
    return max(eligible, key=lambda b: b.quantity)


def check_quantity(schedule: Schedule, quantity: int, *, cumulative: bool = False) -> None:
    """400 unless ``quantity`` satisfies the schedule: at least MinQuantity, at most MaxQuantity (null: no
    limit), and one of the break quantities when RestrictedQuantity is set — checked in that order.

    ``cumulative``: ``quantity`` is the product's total over the order, and the errors are the Cumulative*
    ones. Callers check the cumulative total when ``schedule.use_cumulative_quantity``, else each line alone.
    Every error's ``Data`` is ``{MinQuantity, MaxQuantity, Quantity}``."""
    data: dict[str, Any] = {
        "MinQuantity": schedule.min_quantity,
        "MaxQuantity": schedule.max_quantity,
        "Quantity": quantity,
    }
    what = "Cumulative quantity" if cumulative else "Quantity"
    if quantity < schedule.min_quantity:
        code = (
            PriceScheduleCode.CUMULATIVE_CANNOT_BE_LESS_THAN_MIN
            if cumulative
            else PriceScheduleCode.CANNOT_BE_LESS_THAN_MIN
        )
        raise BadRequest(code, f"{what} {quantity} is below the minimum of {schedule.min_quantity}", data)
    if schedule.max_quantity is not None and quantity > schedule.max_quantity:
        code = PriceScheduleCode.CUMULATIVE_CANNOT_EXCEED_MAX if cumulative else PriceScheduleCode.CANNOT_EXCEED_MAX
        raise BadRequest(code, f"{what} {quantity} exceeds the maximum of {schedule.max_quantity}", data)
    if schedule.restricted_quantity and quantity not in {b.quantity for b in schedule.breaks}:
        code = (
            PriceScheduleCode.CUMULATIVE_QUANTITY_NOT_ALLOWED if cumulative else PriceScheduleCode.QUANTITY_NOT_ALLOWED
        )
        raise BadRequest(code, f"{what} {quantity} is not one of the price break quantities", data)


def check_line_quantity(schedule: Schedule, quantity: int, *, cumulative_quantity: int | None = None) -> None:
    """The quantity check a line item needs: the product's total over the order (Cumulative* errors) when the
    schedule has UseCumulativeQuantity and ``cumulative_quantity`` is given, else the line's own quantity."""
    if schedule.use_cumulative_quantity and cumulative_quantity is not None:
        check_quantity(schedule, cumulative_quantity, cumulative=True)
    else:
        check_quantity(schedule, quantity)


# --- prices ----------------------------------------------------------------------------------------------------


def unit_price(
    schedule: Schedule,
    quantity: int,
    now: datetime,
    *,
    cumulative_quantity: int | None = None,
    markups: Sequence[Markup] = (),
) -> LinePrice:
    """The price of a line of ``quantity`` units at ``now``, unrounded (round with ``line_totals``).

    The break is chosen by ``cumulative_quantity`` when the schedule has UseCumulativeQuantity and one is given,
    else by ``quantity`` (``select_break``, whose errors propagate). The base is the break's SalePrice when the
    schedule's sale window is open at ``now`` and the break has one, else its Price. Markups add up (SEMANTICS.md
    §5.4): NoMarkup nothing; AmountPerQuantity +M per unit; Percentage +M% of the base per unit; AmountTotal +M
    once per line (each unit carries M/quantity). It does not check quantities: call ``check_quantity`` first.
    ``quantity`` below 1 is 400 LineItem.QuantityMustBePositive."""
    _require_positive(quantity)
    by = cumulative_quantity if schedule.use_cumulative_quantity and cumulative_quantity is not None else quantity
    chosen = select_break(schedule.breaks, by)
    on_sale = chosen.sale_price is not None and sale_window_open(schedule, now)
    base = chosen.sale_price if on_sale and chosen.sale_price is not None else chosen.price
    per_unit, per_line = base, ZERO
    for markup in markups:
        amount = markup.amount
        if amount is None or markup.type is None:
            continue
        if markup.type is MarkupType.AmountPerQuantity:
            per_unit += amount
        elif markup.type is MarkupType.Percentage:
            per_unit += base * amount / HUNDRED
        elif markup.type is MarkupType.AmountTotal:
            per_line += amount
    return LinePrice(chosen, base, on_sale, per_unit, per_line, quantity)


def line_totals(price: LinePrice | Decimal, quantity: int, *, promotion_discount: Decimal = ZERO) -> LineTotals:
    """UnitPrice, LineSubtotal and LineTotal of a line, rounded half away from zero.

    From a ``LinePrice`` (what ``unit_price`` resolved for this same ``quantity``): UnitPrice is the unrounded unit
    price to 4 places and LineSubtotal the unrounded subtotal to 2 places, so with an AmountTotal markup
    UnitPrice * Quantity may differ slightly from LineSubtotal, as in OrderCloud. From a Decimal (an overridden
    UnitPrice): that price to 4 places, and LineSubtotal = UnitPrice * Quantity to 2 places. LineTotal is
    LineSubtotal - PromotionDiscount (rounded to 2 places first)."""
    _require_positive(quantity)
    if isinstance(price, LinePrice):
        if price.quantity != quantity:
            raise ValueError(f"priced for {price.quantity} units, totalled for {quantity}")
        unit = money.price(price.unit_price)
        subtotal = money.amount(price.subtotal)
    else:
        unit = money.price(price)
        subtotal = money.amount(unit * quantity)
    return LineTotals(unit, subtotal, subtotal - money.amount(promotion_discount))


def _require_positive(quantity: int) -> None:
    if quantity < 1:
        raise BadRequest(QUANTITY_POSITIVE, "Quantity must be at least 1", {"Quantity": quantity})
