"""Constrained field types the catalog models share (products, variants, specs, facets).

Integer columns are 32-bit on PostgreSQL, so every integer a body may carry into one is bounded here: a larger
value is a 400 ValidationFailure naming the field, never a database error. Dimensions and markups are stored as
NUMERIC(18, 4), so their magnitude stays below 10^14.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
NUMERIC_LIMIT = 1e14

Int32 = Annotated[int, msgspec.Meta(ge=INT32_MIN, le=INT32_MAX)]
NonNegativeInt32 = Annotated[int, msgspec.Meta(ge=0, le=INT32_MAX)]
PositiveInt32 = Annotated[int, msgspec.Meta(ge=1, le=INT32_MAX)]
Dimension = Annotated[float, msgspec.Meta(ge=0, lt=NUMERIC_LIMIT)]
"""Ship weight, height, width, length: non-negative."""
Amount = Annotated[float, msgspec.Meta(gt=-NUMERIC_LIMIT, lt=NUMERIC_LIMIT)]
"""A spec option's PriceMarkup (negative for a discount)."""
ObjectID = Annotated[str, msgspec.Meta(max_length=ID_LENGTH)]
Name100 = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Text2000 = Annotated[str, msgspec.Meta(max_length=2000)]
