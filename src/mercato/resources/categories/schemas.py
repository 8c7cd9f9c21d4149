from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

INT32_MAX = 2**31 - 1
ObjectID = Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]
OptionalID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None


class Category(msgspec.Struct, kw_only=True):
    """A node of a catalog's category tree. ParentID names a category of the same catalog (null: root level);
    ChildCount (immediate children) is computed."""

    ID: OptionalID = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    ListOrder: Annotated[int, msgspec.Meta(ge=0, le=INT32_MAX)] | None = None
    Active: bool = False
    ParentID: OptionalID = None
    ChildCount: int = 0
    xp: dict[str, Any] | None = None


class CategoryAssignment(msgspec.Struct, kw_only=True):
    """A category's visibility settings for a buyer or one of its user groups; null flags inherit."""

    CategoryID: str
    BuyerID: str
    UserGroupID: str | None = None
    Visible: bool | None = None
    ViewAllProducts: bool | None = None


class CategoryAssignmentBody(msgspec.Struct, kw_only=True):
    """What SaveAssignment reads: a missing BuyerID is 400 PartyAssignment.RequiresBuyer, and a UserID is refused
    (400 PartyAssignment.UserLevelNotAllowed) rather than silently dropped, which would assign the whole buyer."""

    CategoryID: ObjectID
    BuyerID: OptionalID = None
    UserGroupID: OptionalID = None
    UserID: OptionalID = None
    Visible: bool | None = None
    ViewAllProducts: bool | None = None


class CategoryProductAssignment(msgspec.Struct, kw_only=True):
    CategoryID: ObjectID
    ProductID: ObjectID
    ListOrder: Annotated[int, msgspec.Meta(ge=-INT32_MAX - 1, le=INT32_MAX)] | None = None
