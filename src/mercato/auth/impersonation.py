"""Impersonation (SEMANTICS.md §1.7): which configs let a caller act as a buyer user.

A config matches when its API client is the one asked for, its impersonator party covers the caller and its
impersonatee party covers the target user. A null party field matches anyone:

* impersonator — ImpersonationBuyerID (the caller's buyer; null for admin callers), ImpersonationGroupID (one of
  the caller's groups), ImpersonationUserID (the caller);
* impersonatee — BuyerID (the target's buyer), GroupID (one of the target's groups), UserID (the target).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import Caller, UserType
from mercato.db.tables import impersonation_configs, user_group_assignments

c = impersonation_configs.c
g = user_group_assignments.c


def _groups_of(marketplace_id: str, uid: str) -> Select[Any]:
    return select(g.user_group_id).where(g.marketplace_id == marketplace_id, g.user_uid == uid)


def _covers(column: Any, value: Any) -> Any:
    return or_(column.is_(None), column == value)


def _covers_group(column: Any, marketplace_id: str, uid: str) -> Any:
    return or_(column.is_(None), column.in_(_groups_of(marketplace_id, uid)))


async def matching_profile(
    connection: AsyncConnection, caller: Caller, client_id: str, target_uid: str, target_id: str, target_buyer: str
) -> str | None:
    """The security profile of the first config allowing ``caller`` to impersonate the target, or None."""
    mid = caller.marketplace_id
    impersonator_buyer = (
        c.impersonation_buyer_id.is_(None)
        if caller.user_type is UserType.ADMIN
        else c.impersonation_buyer_id == caller.company_id
    )
    query = (
        select(c.security_profile_id)
        .where(
            c.marketplace_id == mid,
            c.client_id == client_id,
            impersonator_buyer,
            _covers_group(c.impersonation_group_id, mid, caller.uid),
            _covers(c.impersonation_user_id, caller.user_id),
            _covers(c.buyer_id, target_buyer),
            _covers_group(c.group_id, mid, target_uid),
            _covers(c.user_id, target_id),
        )
        .order_by(c.id)
        .limit(1)
    )
    return await connection.scalar(query)


async def used_by_config(
    connection: AsyncConnection, marketplace_id: str, *, profile: str = "", client: str = ""
) -> bool:
    """Whether an impersonation config needs this security profile or API client (they cannot be deleted then)."""
    condition = c.security_profile_id == profile if profile else c.client_id == client
    return bool(await connection.scalar(select(exists().where(c.marketplace_id == marketplace_id, condition))))
