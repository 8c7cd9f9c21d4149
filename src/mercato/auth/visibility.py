"""Which companies a caller can see at all. What cannot be seen is a 404 — never a 403 — so that callers cannot
learn which other buyers exist."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import Caller, UserType
from mercato.db.tables import buyers
from mercato.errors import NotFound


def may_see_buyer(caller: Caller, buyer_id: str) -> bool:
    """Admin users see every buyer; a buyer user only its own; supplier users none of their insides."""
    if caller.user_type is UserType.ADMIN:
        return True
    return caller.user_type is UserType.BUYER and caller.company_id == buyer_id


async def require_buyer(connection: AsyncConnection, caller: Caller, buyer_id: str) -> None:
    if not may_see_buyer(caller, buyer_id):
        raise NotFound("Buyer", buyer_id)
    if caller.user_type is UserType.ADMIN:
        found = await connection.scalar(
            select(exists().where(buyers.c.marketplace_id == caller.marketplace_id, buyers.c.id == buyer_id))
        )
        if not found:
            raise NotFound("Buyer", buyer_id)
