"""Credit cards hold a processor's token and what a buyer needs to recognise the card, never the card number.

A body's unknown fields (a ``CardNumber``, a ``CVV``) are ignored by decoding: they are neither stored, nor
echoed, nor logged. Error messages name the offending field, never its value.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, TypeVar

import msgspec

from mercato.codec import utc_field
from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import ValidationFailure

Text100 = Annotated[str, msgspec.Meta(max_length=100)]
PartialNumber = Annotated[str, msgspec.Meta(max_length=5)]
"""At most the last 4-5 digits; a full card number cannot fit."""
PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class CreditCard(msgspec.Struct, kw_only=True):
    """A buyer's credit card (MODELS.md "CreditCard")."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Token: Text100 | None = None
    DateCreated: datetime | None = None
    CardType: Text100 | None = None
    PartialAccountNumber: PartialNumber | None = None
    CardholderName: Text100 | None = None
    ExpirationDate: datetime | None = None
    xp: dict[str, Any] | None = None


class BuyerCreditCard(msgspec.Struct, kw_only=True):
    """A card as a buyer user sees it through /me: ID is the server's, Editable is true for the user's own."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Editable: bool = False
    Token: Text100 | None = None
    DateCreated: datetime | None = None
    CardType: Text100 | None = None
    PartialAccountNumber: PartialNumber | None = None
    CardholderName: Text100 | None = None
    ExpirationDate: datetime | None = None
    xp: dict[str, Any] | None = None


class CreditCardAssignment(msgspec.Struct, kw_only=True):
    CreditCardID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    UserID: PartyID | None = None
    UserGroupID: PartyID | None = None


Card = TypeVar("Card", CreditCard, BuyerCreditCard)

TEXT_FIELDS = ("Token", "CardType", "CardholderName")

_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){12,18}", re.ASCII)
"""13 to 19 digits, optionally grouped by single spaces or dashes: the shape of a card number (PAN)."""


def looks_like_card_number(text: str) -> bool:
    """True when ``text`` holds a run of 13-19 digits that passes the Luhn check, as every real PAN does."""
    return any(_luhn_valid(re.sub(r"[ -]", "", run)) for run in _DIGIT_RUN.findall(text))


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def checked(card: Card) -> Card:
    """What a caller sent, refused if a text field carries a card number; ExpirationDate in UTC."""
    for field in TEXT_FIELDS:
        value = getattr(card, field)
        if value is not None and looks_like_card_number(value):
            raise ValidationFailure(
                f"{field} looks like a card number: store the payment processor's token, never the number", field
            )
    return msgspec.structs.replace(card, ExpirationDate=utc_field(card.ExpirationDate, "ExpirationDate"))
