"""Spending accounts: a buyer's budgets, gift cards and allowances. Balance is money: stored as NUMERIC(18,2),
rounded half away from zero to cents on the way in, and a JSON number on the wire (as OrderCloud sends it)."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

MAX_BALANCE = 1e12
"""|Balance| limit: far beyond any budget, and cents stay exact through a float (JSON numbers are floats)."""
CENT = Decimal("0.01")

PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class SpendingAccount(msgspec.Struct, kw_only=True):
    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Balance: Annotated[float, msgspec.Meta(ge=-MAX_BALANCE, le=MAX_BALANCE)]
    AllowAsPaymentMethod: bool = False
    RedemptionCode: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    StartDate: datetime | None = None
    EndDate: datetime | None = None
    xp: dict[str, Any] | None = None


class SpendingAccountAssignment(msgspec.Struct, kw_only=True):
    SpendingAccountID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    UserID: PartyID | None = None
    UserGroupID: PartyID | None = None
    AllowExceed: bool = False


def money(value: float | Decimal) -> Decimal:
    """A wire number as cents: through its shortest decimal spelling, so 0.1 is 0.10, never 0.1000000000000000055."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0: no negative zero
