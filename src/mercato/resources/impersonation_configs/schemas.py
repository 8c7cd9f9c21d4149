from __future__ import annotations

from typing import Annotated

import msgspec

from mercato.auth.roles import Role
from mercato.db.tables.metadata import ID_LENGTH

PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class ImpersonationConfig(msgspec.Struct, kw_only=True):
    ID: PartyID | None = None
    ImpersonationBuyerID: PartyID | None = None
    ImpersonationGroupID: PartyID | None = None
    ImpersonationUserID: PartyID | None = None
    BuyerID: PartyID | None = None
    GroupID: PartyID | None = None
    UserID: PartyID | None = None
    SecurityProfileID: PartyID
    ClientID: PartyID


class ImpersonateTokenRequest(msgspec.Struct, kw_only=True):
    ClientID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    Roles: list[Role]
    CustomRoles: list[str] | None = None
