from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

PartyID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]


class CostCenter(msgspec.Struct, kw_only=True):
    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    xp: dict[str, Any] | None = None


class CostCenterAssignment(msgspec.Struct, kw_only=True):
    """A cost center made available to the whole buyer (no group) or one of its user groups."""

    CostCenterID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    UserGroupID: PartyID | None = None


class CostCenterAssignmentBody(CostCenterAssignment, kw_only=True):
    """What SaveAssignment reads: the model has no UserID, but one that is sent is refused (400
    PartyAssignment.UserLevelNotAllowed) rather than silently dropped, which would assign the whole buyer."""

    UserID: PartyID | None = None
