from __future__ import annotations

from typing import Annotated

import msgspec

from mercato.db.tables.metadata import ID_LENGTH
from mercato.resources.admin_addresses.schemas import Address

__all__ = ["Address", "AddressAssignment"]

PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class AddressAssignment(msgspec.Struct, kw_only=True):
    """A buyer address made available to the whole buyer (no party), one user group, or one user, for shipping,
    billing or both. Unset parties are null."""

    AddressID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    UserID: PartyID | None = None
    UserGroupID: PartyID | None = None
    IsShipping: bool | None = False
    IsBilling: bool | None = False

    def __post_init__(self) -> None:
        self.IsShipping = bool(self.IsShipping)  # null reads as false
        self.IsBilling = bool(self.IsBilling)
