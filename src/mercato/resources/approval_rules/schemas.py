from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

RULE_EXPRESSION_LENGTH = 400


class ApprovalRule(msgspec.Struct, kw_only=True):
    """When an order of this buyer needs the approval of a group of its users (MODELS.md "ApprovalRule")."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    ApprovingGroupID: Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
    RuleExpression: Annotated[str, msgspec.Meta(min_length=1, max_length=RULE_EXPRESSION_LENGTH)]
    xp: dict[str, Any] | None = None
