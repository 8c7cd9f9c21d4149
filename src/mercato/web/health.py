from __future__ import annotations

import msgspec
from litestar import get
from litestar.datastructures import State
from sqlalchemy import text

from mercato import __version__
from mercato.web.services import services_in


class Health(msgspec.Struct, frozen=True):
    Status: str
    Version: str
    Database: str


@get("/health")
async def health(state: State) -> Health:
    """Liveness and readiness in one: answers only when the database does."""
    database = services_in(state).database
    async with database.transaction(write=False) as connection:
        await connection.execute(text("SELECT 1"))
    return Health(Status="OK", Version=__version__, Database=database.dialect_name)
