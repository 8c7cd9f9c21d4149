from __future__ import annotations

from typing import Annotated

import msgspec

from mercato.db.tables.metadata import ID_LENGTH

BIGINT_MAX = 2**63 - 1


class Incrementor(msgspec.Struct, kw_only=True):
    """A named counter whose next number fills ``{ID}`` placeholders in writable IDs."""

    ID: Annotated[str, msgspec.Meta(max_length=ID_LENGTH)] | None = None
    Name: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    LastNumber: Annotated[int, msgspec.Meta(ge=0, le=BIGINT_MAX)]
    LeftPaddingCount: Annotated[int, msgspec.Meta(ge=0, le=ID_LENGTH)]
