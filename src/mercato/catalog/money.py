"""Money as Decimal: how wire numbers become exact amounts, and the two roundings (docs/decisions/0016).

* **Prices** (price breaks, spec markups, a line item's UnitPrice) keep 4 decimal places: B2B unit prices go below
  a cent (a screw at 0.0125).
* **Amounts** (LineSubtotal, LineTotal, order totals, promotion amounts) are rounded to 2 places, as OrderCloud
  rounds them.

Both round half away from zero (``ROUND_HALF_UP`` on Decimal), as spending-account balances already do. JSON
carries numbers, so money leaves as floats (``number``): a float round-trips any value of at most 15 significant
digits exactly through its shortest spelling, which covers every price (``MAX_PRICE``) and amounts below 10^13.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PRICE_QUANTUM = Decimal("0.0001")
CENT = Decimal("0.01")
ROUNDING = ROUND_HALF_UP
MAX_PRICE = 10_000_000_000
"""|price| limit: ten billion per unit. With 4 decimal places that is 15 significant digits at most, which a JSON
number (a double) carries exactly."""


MAX_AMOUNT = 10**12
"""|amount| limit for what the server computes (a line's subtotal, an order's total): a trillion, far beyond any
order, with cents exact through a JSON number and well inside NUMERIC(18,2)."""


def exact(value: float | int | Decimal) -> Decimal:
    """A wire number as the Decimal it was written as: through its shortest spelling, so 0.1 is 0.1, never
    0.1000000000000000055511151231257827."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


def price(value: float | int | Decimal) -> Decimal:
    """A price: 4 decimal places, half away from zero."""
    return exact(value).quantize(PRICE_QUANTUM, rounding=ROUNDING) + 0  # + 0: no negative zero


def amount(value: float | int | Decimal) -> Decimal:
    """A money amount: 2 decimal places, half away from zero."""
    return exact(value).quantize(CENT, rounding=ROUNDING) + 0


def number(value: Decimal) -> float:
    """A Decimal as the JSON number the wire carries (msgspec would write a Decimal as a string)."""
    return float(value) + 0.0
