from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from mercato.catalog.types import Amount, Int32, Name100, ObjectID, Text2000
from mercato.db.tables.metadata import ID_LENGTH

PriceMarkupType = Literal["NoMarkup", "AmountPerQuantity", "AmountTotal", "Percentage"]
RequiredID = Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]


class SpecOption(msgspec.Struct, kw_only=True):
    ID: ObjectID | None = None
    Value: Text2000
    ListOrder: Int32 = 0
    IsOpenText: bool = False
    PriceMarkupType: PriceMarkupType | None = None
    PriceMarkup: Amount | None = None
    xp: dict[str, Any] | None = None


class Spec(msgspec.Struct, kw_only=True):
    OwnerID: ObjectID | None = None
    ID: ObjectID | None = None
    ListOrder: Int32 = 0
    Name: Name100
    DefaultValue: Text2000 | None = None
    Required: bool = False
    AllowOpenText: bool = False
    DefaultOptionID: ObjectID | None = None
    DefinesVariant: bool = False
    xp: dict[str, Any] | None = None
    OptionCount: int = 0
    Options: list[SpecOption] = msgspec.field(default_factory=list)


SPEC_COMPUTED = frozenset({"OptionCount", "Options"})


class SpecProductAssignment(msgspec.Struct, kw_only=True):
    SpecID: RequiredID
    ProductID: RequiredID
    DefaultValue: Text2000 | None = None
    DefaultOptionID: ObjectID | None = None
