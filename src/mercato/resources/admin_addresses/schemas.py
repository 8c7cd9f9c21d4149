from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import ValidationFailure

Text100 = Annotated[str, msgspec.Meta(max_length=100)]
Required100 = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]

STATE_AND_ZIP_REQUIRED = frozenset({"US", "CA"})


class Address(msgspec.Struct, kw_only=True):
    """A postal address (MODELS.md "Address"); the same model serves admin, buyer and supplier addresses."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    DateCreated: datetime | None = None
    CompanyName: Text100 | None = None
    FirstName: Text100 | None = None
    LastName: Text100 | None = None
    Street1: Required100
    Street2: Text100 | None = None
    City: Required100
    State: Text100 | None = None
    Zip: Text100 | None = None
    Country: Annotated[str, msgspec.Meta(min_length=1, max_length=2)]
    Phone: Text100 | None = None
    AddressName: Text100 | None = None
    xp: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        # Runs on every decode and PATCH merge, so a PATCH that moves an address to the US needs a State too.
        if self.Country.upper() in STATE_AND_ZIP_REQUIRED:
            for field, value in (("State", self.State), ("Zip", self.Zip)):
                if value is None or not value.strip():
                    raise ValidationFailure(f"{field} is required when Country is {self.Country}", field)
