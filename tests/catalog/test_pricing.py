"""The pricing core, table by table: break selection, sale windows, markups, quantity rules, rounding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any

import pytest

from mercato.catalog import money
from mercato.catalog.pricing import (
    LinePrice,
    LineTotals,
    Markup,
    MarkupType,
    PriceBreak,
    Schedule,
    check_line_quantity,
    check_quantity,
    is_on_sale,
    line_totals,
    sale_window_open,
    select_break,
    unit_price,
)
from mercato.errors import BadRequest

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)

TIERS = (PriceBreak(1, D("10")), PriceBreak(10, D("9")), PriceBreak(100, D("8")))
UNSORTED = (PriceBreak(100, D("8")), PriceBreak(1, D("10")), PriceBreak(10, D("9")))
FROM_ZERO = (PriceBreak(0, D("12")), PriceBreak(5, D("11")))


def fails(code: str, call: Any) -> BadRequest:
    with pytest.raises(BadRequest) as raised:
        call()
    assert raised.value.code == code, raised.value.errors
    return raised.value


# --- select_break ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("breaks", "quantity", "chosen"),
    [
        (TIERS, 1, 1),
        (TIERS, 2, 1),
        (TIERS, 9, 1),
        (TIERS, 10, 10),
        (TIERS, 11, 10),
        (TIERS, 99, 10),
        (TIERS, 100, 100),
        (TIERS, 2**31 - 1, 100),
        (UNSORTED, 1, 1),
        (UNSORTED, 50, 10),
        (UNSORTED, 1000, 100),
        (FROM_ZERO, 0, 0),
        (FROM_ZERO, 1, 0),
        (FROM_ZERO, 4, 0),
        (FROM_ZERO, 5, 5),
        ((PriceBreak(3, D("1")),), 3, 3),
        ((PriceBreak(3, D("1")),), 7, 3),
    ],
)
def test_select_break_takes_the_largest_quantity_at_or_below(
    breaks: tuple[PriceBreak, ...], quantity: int, chosen: int
) -> None:
    assert select_break(breaks, quantity).quantity == chosen


@pytest.mark.parametrize(
    ("breaks", "quantity", "code"),
    [
        ((), 1, "PriceSchedule.NoPriceBreaks"),
        ((), 0, "PriceSchedule.NoPriceBreaks"),
        (TIERS, 0, "PriceSchedule.QtyNotFound"),
        (TIERS, -1, "PriceSchedule.QtyNotFound"),
        ((PriceBreak(10, D("1")), PriceBreak(20, D("1"))), 9, "PriceSchedule.QtyNotFound"),
    ],
)
def test_select_break_without_a_break(breaks: tuple[PriceBreak, ...], quantity: int, code: str) -> None:
    error = fails(code, lambda: select_break(breaks, quantity))
    if code.endswith("QtyNotFound"):
        assert error.errors[0].Data == {"Quantity": quantity}


# --- sale windows ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "open_"),
    [
        (None, None, True),
        (NOW - HOUR, None, True),
        (NOW + HOUR, None, False),
        (None, NOW + HOUR, True),
        (None, NOW - HOUR, False),
        (NOW - HOUR, NOW + HOUR, True),
        (NOW, NOW + HOUR, True),  # both ends included
        (NOW - HOUR, NOW, True),
        (NOW + timedelta(microseconds=1), NOW + HOUR, False),
        (NOW - HOUR, NOW - timedelta(microseconds=1), False),
        (NOW - 2 * HOUR, NOW - HOUR, False),
        (NOW + HOUR, NOW + 2 * HOUR, False),
    ],
)
def test_sale_window(start: datetime | None, end: datetime | None, open_: bool) -> None:
    on_sale = Schedule(breaks=(PriceBreak(1, D("10"), D("8")),), sale_start=start, sale_end=end)
    no_sale_price = Schedule(breaks=(PriceBreak(1, D("10")),), sale_start=start, sale_end=end)
    assert sale_window_open(on_sale, NOW) is open_
    assert is_on_sale(on_sale, NOW) is open_
    assert is_on_sale(no_sale_price, NOW) is False  # IsOnSale needs some break with a SalePrice
    priced = unit_price(on_sale, 1, NOW)
    assert (priced.base, priced.is_on_sale) == ((D("8"), True) if open_ else (D("10"), False))


def test_a_sale_applies_per_break() -> None:
    schedule = Schedule(breaks=(PriceBreak(1, D("10"), D("7")), PriceBreak(10, D("9"))), sale_end=NOW + HOUR)
    assert is_on_sale(schedule, NOW)
    one, ten = unit_price(schedule, 1, NOW), unit_price(schedule, 10, NOW)
    assert (one.base, one.is_on_sale) == (D("7"), True)
    assert (ten.base, ten.is_on_sale) == (D("9"), False)  # this break has no SalePrice: its Price, not on sale
    assert not is_on_sale(schedule, NOW + 2 * HOUR)
    assert unit_price(schedule, 1, NOW + 2 * HOUR).base == D("10")


def test_a_sale_price_of_zero_is_a_sale_price() -> None:
    schedule = Schedule(breaks=(PriceBreak(1, D("10"), D("0")),))
    assert is_on_sale(schedule, NOW)
    assert unit_price(schedule, 3, NOW).base == D("0")


# --- unit_price and markups (SEMANTICS.md §5.4: P=50, M=10) ------------------------------------------------------

FIFTY = Schedule(breaks=(PriceBreak(1, D("50")),))


@pytest.mark.parametrize(
    ("markup_type", "quantity", "unit", "subtotal"),
    [
        (MarkupType.NoMarkup, 1, "50.0000", "50.00"),
        (MarkupType.NoMarkup, 10, "50.0000", "500.00"),
        (MarkupType.AmountPerQuantity, 1, "60.0000", "60.00"),
        (MarkupType.AmountPerQuantity, 10, "60.0000", "600.00"),
        (MarkupType.AmountTotal, 1, "60.0000", "60.00"),
        (MarkupType.AmountTotal, 10, "51.0000", "510.00"),
        (MarkupType.Percentage, 1, "55.0000", "55.00"),
        (MarkupType.Percentage, 10, "55.0000", "550.00"),
        (None, 10, "50.0000", "500.00"),
    ],
)
def test_the_markup_table(markup_type: MarkupType | None, quantity: int, unit: str, subtotal: str) -> None:
    priced = unit_price(FIFTY, quantity, NOW, markups=[Markup(markup_type, D("10"))])
    totals = line_totals(priced, quantity)
    assert (totals.unit_price, totals.line_subtotal, totals.line_total) == (D(unit), D(subtotal), D(subtotal))
    assert (str(totals.unit_price), str(totals.line_subtotal)) == (unit, subtotal)


@pytest.mark.parametrize(
    ("markups", "quantity", "unit", "subtotal"),
    [
        ([], 4, "50.0000", "200.00"),
        ([Markup(MarkupType.AmountPerQuantity, None)], 4, "50.0000", "200.00"),
        ([Markup(MarkupType.AmountPerQuantity, D("2")), Markup(MarkupType.AmountPerQuantity, D("3"))], 4, "55", "220"),
        # 50 + 10% of 50 + 2 per unit, + 20 once: 57 * 4 + 20 = 248
        (
            [
                Markup(MarkupType.Percentage, D("10")),
                Markup(MarkupType.AmountPerQuantity, D("2")),
                Markup(MarkupType.AmountTotal, D("20")),
            ],
            4,
            "62",
            "248",
        ),
        # percentages are of the base, not compounded: 50 + 5 + 5
        ([Markup(MarkupType.Percentage, D("10")), Markup(MarkupType.Percentage, D("10"))], 2, "60", "120"),
        ([Markup(MarkupType.AmountTotal, D("10")), Markup(MarkupType.AmountTotal, D("5"))], 5, "53", "265"),
        ([Markup(MarkupType.NoMarkup, D("99")), Markup(MarkupType.AmountTotal, D("10"))], 10, "51", "510"),
        # a negative markup (a cheaper option) lowers the price
        ([Markup(MarkupType.AmountPerQuantity, D("-5"))], 2, "45", "90"),
        ([Markup(MarkupType.Percentage, D("-20"))], 1, "40", "40"),
    ],
)
def test_several_markups_add_up(markups: list[Markup], quantity: int, unit: str, subtotal: str) -> None:
    totals = line_totals(unit_price(FIFTY, quantity, NOW, markups=markups), quantity)
    assert (totals.unit_price, totals.line_subtotal) == (D(unit), D(subtotal))


def test_amount_total_subtotal_comes_from_the_unrounded_price() -> None:
    priced = unit_price(FIFTY, 3, NOW, markups=[Markup(MarkupType.AmountTotal, D("10"))])
    assert (priced.per_unit, priced.per_line) == (D("50"), D("10"))
    totals = line_totals(priced, 3)
    assert totals.unit_price == D("53.3333")
    assert totals.line_subtotal == D("160.00")  # not 53.3333 * 3 = 159.9999
    assert totals.unit_price * 3 != totals.line_subtotal


def test_percentage_of_a_sale_price() -> None:
    schedule = Schedule(breaks=(PriceBreak(1, D("50"), D("40")),))
    priced = unit_price(schedule, 2, NOW, markups=[Markup(MarkupType.Percentage, D("10"))])
    assert (priced.base, priced.per_unit, priced.is_on_sale) == (D("40"), D("44"), True)


@pytest.mark.parametrize(
    ("cumulative", "line", "total", "price"),
    [
        (True, 2, 12, D("9")),  # 12 of the product on the order: the 10+ break
        (True, 2, None, D("10")),  # no total given: the line's own quantity
        (True, 50, 150, D("8")),
        (False, 2, 12, D("10")),  # the schedule prices each line alone
        (False, 10, 1, D("9")),
    ],
)
def test_cumulative_quantity_chooses_the_break(cumulative: bool, line: int, total: int | None, price: D) -> None:
    schedule = Schedule(breaks=TIERS, use_cumulative_quantity=cumulative)
    priced = unit_price(schedule, line, NOW, cumulative_quantity=total)
    assert priced.base == price
    assert priced.quantity == line


def test_amount_total_is_spread_over_the_line_not_the_order() -> None:
    schedule = Schedule(breaks=TIERS, use_cumulative_quantity=True)
    priced = unit_price(schedule, 2, NOW, cumulative_quantity=12, markups=[Markup(MarkupType.AmountTotal, D("4"))])
    assert line_totals(priced, 2) == LineTotals(D("11.0000"), D("22.00"), D("22.00"))


# --- check_quantity ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "maximum", "restricted", "quantity", "code"),
    [
        (1, None, False, 1, None),
        (1, None, False, 2**31 - 1, None),
        (1, None, False, 0, "CannotBeLessThanMin"),
        (1, None, False, -3, "CannotBeLessThanMin"),
        (5, None, False, 4, "CannotBeLessThanMin"),
        (5, None, False, 5, None),
        (1, 10, False, 10, None),
        (1, 10, False, 11, "CannotExceedMax"),
        (5, 5, False, 5, None),
        (5, 5, False, 4, "CannotBeLessThanMin"),
        (5, 5, False, 6, "CannotExceedMax"),
        (1, None, True, 1, None),
        (1, None, True, 10, None),
        (1, None, True, 100, None),
        (1, None, True, 2, "QuantityNotAllowed"),
        (1, None, True, 101, "QuantityNotAllowed"),
        (1, 50, True, 100, "CannotExceedMax"),  # min, then max, then restriction
        (20, None, True, 10, "CannotBeLessThanMin"),
    ],
)
@pytest.mark.parametrize("cumulative", [False, True])
def test_check_quantity(
    minimum: int, maximum: int | None, restricted: bool, quantity: int, code: str | None, cumulative: bool
) -> None:
    schedule = Schedule(breaks=TIERS, min_quantity=minimum, max_quantity=maximum, restricted_quantity=restricted)
    if code is None:
        check_quantity(schedule, quantity, cumulative=cumulative)
        return
    expected = f"PriceSchedule.{'Cumulative' if cumulative else ''}{code}"
    error = fails(expected, lambda: check_quantity(schedule, quantity, cumulative=cumulative))
    assert error.status == 400
    assert error.errors[0].Data == {"MinQuantity": minimum, "MaxQuantity": maximum, "Quantity": quantity}


@pytest.mark.parametrize(
    ("cumulative", "line", "total", "code"),
    [
        (False, 3, 30, None),  # each line alone: 3 is within [2, 20]
        (False, 1, 30, "PriceSchedule.CannotBeLessThanMin"),
        (False, 21, 21, "PriceSchedule.CannotExceedMax"),
        (True, 1, 5, None),  # the order's total counts, not the line
        (True, 5, None, None),  # no total given: the line's own quantity
        (True, 1, 1, "PriceSchedule.CumulativeCannotBeLessThanMin"),
        (True, 3, 30, "PriceSchedule.CumulativeCannotExceedMax"),
        (True, 1, None, "PriceSchedule.CannotBeLessThanMin"),
    ],
)
def test_check_line_quantity(cumulative: bool, line: int, total: int | None, code: str | None) -> None:
    schedule = Schedule(breaks=TIERS, min_quantity=2, max_quantity=20, use_cumulative_quantity=cumulative)
    if code is None:
        check_line_quantity(schedule, line, cumulative_quantity=total)
    else:
        fails(code, lambda: check_line_quantity(schedule, line, cumulative_quantity=total))


def test_restricted_without_breaks_allows_nothing() -> None:
    fails("PriceSchedule.QuantityNotAllowed", lambda: check_quantity(Schedule(restricted_quantity=True), 1))


# --- rounding ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "quantity", "discount", "unit", "subtotal", "total"),
    [
        ("19.99", 3, "0", "19.9900", "59.97", "59.97"),
        ("0.0125", 1000, "0", "0.0125", "12.50", "12.50"),  # sub-cent unit prices keep their precision
        ("0.0125", 1, "0", "0.0125", "0.01", "0.01"),  # 0.0125 → 0.01
        ("0.005", 1, "0", "0.0050", "0.01", "0.01"),  # half away from zero, not to even
        ("0.015", 1, "0", "0.0150", "0.02", "0.02"),
        ("0.025", 1, "0", "0.0250", "0.03", "0.03"),  # banker's rounding would give 0.02
        ("1.00005", 1, "0", "1.0001", "1.00", "1.00"),  # the override is rounded to 4 places first
        ("2.675", 1, "0", "2.6750", "2.68", "2.68"),  # the float 2.675 would round down
        ("10", 1, "2.5", "10.0000", "10.00", "7.50"),
        ("10", 1, "2.555", "10.0000", "10.00", "7.44"),  # the discount is rounded to cents first
        ("10", 2, "20", "10.0000", "20.00", "0.00"),
        ("0", 5, "0", "0.0000", "0.00", "0.00"),
        ("9999999999.9999", 1, "0", "9999999999.9999", "10000000000.00", "10000000000.00"),
    ],
)
def test_line_totals_of_a_unit_price(
    price: str, quantity: int, discount: str, unit: str, subtotal: str, total: str
) -> None:
    totals = line_totals(D(price), quantity, promotion_discount=D(discount))
    assert (str(totals.unit_price), str(totals.line_subtotal), str(totals.line_total)) == (unit, subtotal, total)


@pytest.mark.parametrize(
    ("price", "markup", "quantity", "unit", "subtotal"),
    [
        ("10", "1", 3, "10.3333", "31.00"),
        ("10", "2", 3, "10.6667", "32.00"),  # 10.66666… rounds up
        ("0.01", "0.01", 3, "0.0133", "0.04"),
        ("33.33", "0.005", 1, "33.3350", "33.34"),
        ("1", "1", 7, "1.1429", "8.00"),
    ],
)
def test_awkward_amount_total_values(price: str, markup: str, quantity: int, unit: str, subtotal: str) -> None:
    schedule = Schedule(breaks=(PriceBreak(1, D(price)),))
    priced = unit_price(schedule, quantity, NOW, markups=[Markup(MarkupType.AmountTotal, D(markup))])
    totals = line_totals(priced, quantity)
    assert (str(totals.unit_price), str(totals.line_subtotal)) == (unit, subtotal)


@pytest.mark.parametrize(
    ("price", "percent", "quantity", "unit", "subtotal"),
    [
        ("33.33", "7.5", 1, "35.8298", "35.83"),  # 33.33 * 1.075 = 35.82975
        ("33.33", "7.5", 3, "35.8298", "107.49"),  # from the unrounded 35.82975 * 3 = 107.48925
        ("0.99", "33.3333", 10, "1.3200", "13.20"),
    ],
)
def test_awkward_percentages(price: str, percent: str, quantity: int, unit: str, subtotal: str) -> None:
    schedule = Schedule(breaks=(PriceBreak(1, D(price)),))
    priced = unit_price(schedule, quantity, NOW, markups=[Markup(MarkupType.Percentage, D(percent))])
    totals = line_totals(priced, quantity)
    assert (str(totals.unit_price), str(totals.line_subtotal)) == (unit, subtotal)


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_line_needs_a_positive_quantity(quantity: int) -> None:
    fails("LineItem.QuantityMustBePositive", lambda: unit_price(FIFTY, quantity, NOW))
    fails("LineItem.QuantityMustBePositive", lambda: line_totals(D("1"), quantity))


def test_line_totals_refuses_a_price_made_for_another_quantity() -> None:
    priced: LinePrice = unit_price(FIFTY, 2, NOW)
    with pytest.raises(ValueError, match="priced for 2 units"):
        line_totals(priced, 3)


# --- money -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wire", "as_price", "as_amount"),
    [
        (0.1, "0.1000", "0.10"),
        (2.675, "2.6750", "2.68"),
        (1.00005, "1.0001", "1.00"),
        (-0.00004, "0.0000", "0.00"),  # no negative zero
        (-1.005, "-1.0050", "-1.01"),  # half away from zero on both sides
        (7, "7.0000", "7.00"),
        (1e10, "10000000000.0000", "10000000000.00"),
    ],
)
def test_money_from_the_wire(wire: float, as_price: str, as_amount: str) -> None:
    assert str(money.price(wire)) == as_price
    assert str(money.amount(wire)) == as_amount
    assert money.number(money.price(wire)) == float(as_price)
