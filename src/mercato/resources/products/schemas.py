from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from mercato.catalog.types import Dimension, Int32, Name100, ObjectID, PositiveInt32, Text2000
from mercato.db.tables.metadata import ID_LENGTH
from mercato.resources.specs.schemas import PriceMarkupType

RequiredID = Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]


class Inventory(msgspec.Struct, kw_only=True):
    Enabled: bool = False
    NotificationPoint: Int32 | None = None
    VariantLevelTracking: bool = False
    OrderCanExceed: bool = False
    QuantityAvailable: Int32 | None = None
    LastUpdated: datetime | None = None
    """Read-only: when QuantityAvailable last changed."""


class Product(msgspec.Struct, kw_only=True):
    OwnerID: ObjectID | None = None
    DefaultPriceScheduleID: ObjectID | None = None
    AutoForward: bool = False
    ID: ObjectID | None = None
    ParentID: ObjectID | None = None
    IsParent: bool = False
    IsBundle: bool = False
    Name: Name100
    Description: Text2000 | None = None
    QuantityMultiplier: PositiveInt32 | None = 1
    ShipWeight: Dimension | None = None
    ShipHeight: Dimension | None = None
    ShipWidth: Dimension | None = None
    ShipLength: Dimension | None = None
    Active: bool = False
    SpecCount: int = 0
    VariantCount: int = 0
    ShipFromAddressID: ObjectID | None = None
    Inventory: Inventory | None = None
    DefaultSupplierID: ObjectID | None = None
    AllSuppliersCanSell: bool = False
    Returnable: bool = False
    DateCreated: datetime | None = None
    xp: dict[str, Any] | None = None


PRODUCT_READ_ONLY = frozenset({"IsBundle", "DateCreated"})
PRODUCT_COMPUTED = frozenset({"SpecCount", "VariantCount"})


class VariantInventory(msgspec.Struct, kw_only=True):
    QuantityAvailable: Int32 | None = None
    NotificationPoint: Int32 | None = None
    LastUpdated: datetime | None = None
    """Read-only: when QuantityAvailable last changed."""


class VariantSpec(msgspec.Struct, kw_only=True):
    SpecID: str | None = None
    Name: str | None = None
    OptionID: str | None = None
    Value: str | None = None
    PriceMarkupType: PriceMarkupType | None = None
    PriceMarkup: float | None = None


class Variant(msgspec.Struct, kw_only=True):
    ID: ObjectID | None = None
    Name: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    Description: Text2000 | None = None
    Active: bool = False
    ShipWeight: Dimension | None = None
    ShipHeight: Dimension | None = None
    ShipWidth: Dimension | None = None
    ShipLength: Dimension | None = None
    Inventory: VariantInventory | None = None
    Specs: list[VariantSpec] = msgspec.field(default_factory=list)
    """Read-only: the spec options the variant stands for (mercato.catalog.variant_specs)."""
    xp: dict[str, Any] | None = None


class VariantOverrides(msgspec.Struct, kw_only=True):
    """The body of GenerateVariants: Active, when given, replaces the product's Active on the new variants."""

    Active: bool | None = None


class ProductAssignment(msgspec.Struct, kw_only=True):
    SellerID: ObjectID | None = None
    ProductID: RequiredID
    BuyerID: RequiredID
    UserGroupID: ObjectID | None = None
    PriceScheduleID: ObjectID | None = None


class ProductAssignmentBody(ProductAssignment, kw_only=True):
    """What SaveAssignment reads: the model has no UserID, but one that is sent is refused (400
    PartyAssignment.UserLevelNotAllowed) rather than silently assigning the whole buyer."""

    UserID: ObjectID | None = None
