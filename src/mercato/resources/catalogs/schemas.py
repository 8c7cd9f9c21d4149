from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

ObjectID = Annotated[str, msgspec.Meta(min_length=1, max_length=ID_LENGTH)]


class Catalog(msgspec.Struct, kw_only=True):
    """A container of products and categories, assigned to buyers. OwnerID is set on create only (the marketplace
    owner's organisation unless an admin names another); CategoryCount is computed."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    OwnerID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    Description: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    Active: bool = False
    CategoryCount: int = 0
    xp: dict[str, Any] | None = None


class CatalogAssignment(msgspec.Struct, kw_only=True):
    """A catalog made available to a buyer (catalog assignments exist at buyer level only)."""

    CatalogID: str
    BuyerID: str
    ViewAllCategories: bool
    ViewAllProducts: bool


class CatalogAssignmentBody(msgspec.Struct, kw_only=True):
    """What SaveAssignment reads: a missing BuyerID is 400 PartyAssignment.RequiresBuyer (rather than a generic
    missing-field failure); null flags read as false."""

    CatalogID: ObjectID
    BuyerID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    ViewAllCategories: bool | None = None
    ViewAllProducts: bool | None = None


class ProductCatalogAssignment(msgspec.Struct, kw_only=True):
    CatalogID: ObjectID
    ProductID: ObjectID
