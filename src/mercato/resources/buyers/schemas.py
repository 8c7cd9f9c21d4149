from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH


class Buyer(msgspec.Struct, kw_only=True):
    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    DefaultCatalogID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Active: bool = False
    DateCreated: datetime | None = None
    xp: dict[str, Any] | None = None


class BuyerSupplier(msgspec.Struct, kw_only=True):
    """A seller this buyer may purchase from: the marketplace owner (and, once suppliers exist, suppliers)."""

    ID: str
    Name: str
