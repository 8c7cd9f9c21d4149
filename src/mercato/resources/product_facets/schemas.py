from __future__ import annotations

from typing import Annotated, Any

import msgspec

from mercato.catalog.types import Int32, Name100, NonNegativeInt32, ObjectID

XP_PATH_LENGTH = 200


class ProductFacet(msgspec.Struct, kw_only=True):
    """A product xp path whose values product lists count in ``Meta.Facets`` (mercato.catalog.facets).

    XpPath is relative to xp (``Facets.Color`` = ``xp.Facets.Color``); omitted, it is the facet's ID."""

    ID: ObjectID | None = None
    Name: Name100
    XpPath: Annotated[str, msgspec.Meta(max_length=XP_PATH_LENGTH)] | None = None
    ListOrder: Int32 = 0
    MinCount: NonNegativeInt32 = 1
    xp: dict[str, Any] | None = None
