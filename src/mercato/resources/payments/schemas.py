"""Payments on the wire (MODELS.md "Payment", "PaymentTransaction").

Amounts are money: NUMERIC(18,2) in the database, rounded to cents half away from zero on the way in, JSON numbers
on the wire. Payment.Amount stays null when the payment pays the remainder of the order (decision 0021).
Writable: ID, Type, CreditCardID and SpendingAccountID (on create only), Description, Amount, Accepted,
OrderReturnID, xp. DateCreated, Currency (the order's) and Transactions are the server's, ignored when sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

MAX_AMOUNT = 1e12
"""|Amount| limit: cents stay exact through a float (JSON numbers are floats), as for spending-account balances."""

PaymentID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
Amount = Annotated[float, msgspec.Meta(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]
PaymentTypeName = Literal["PurchaseOrder", "CreditCard", "SpendingAccount"]


class PaymentTransaction(msgspec.Struct, kw_only=True):
    ID: PaymentID | None = None
    Type: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    DateExecuted: datetime
    Currency: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    Amount: Amount | None = None
    Succeeded: bool = False
    ResultCode: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    ResultMessage: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    xp: dict[str, Any] | None = None


class Payment(msgspec.Struct, kw_only=True):
    ID: PaymentID | None = None
    Type: PaymentTypeName | None = None
    DateCreated: datetime | None = None
    CreditCardID: PaymentID | None = None
    SpendingAccountID: PaymentID | None = None
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    Currency: str | None = None
    Amount: Amount | None = None
    Accepted: bool | None = None
    OrderReturnID: PaymentID | None = None
    xp: dict[str, Any] | None = None
    Transactions: list[PaymentTransaction] = msgspec.field(default_factory=list)


CREATE_ONLY = ("Type", "CreditCardID", "SpendingAccountID")
"""Payment.CannotPatchProperty when a PATCH sends a different value."""
