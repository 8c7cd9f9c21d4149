"""Which orders a caller sees and may change, per direction (SEMANTICS.md §6.2), as SQL conditions on ``orders``.

* A buyer user's orders are Outgoing (Incoming holds none). It sees the orders it placed; with OrderAdmin or
  OrderReader, every order of its buyer; and, to decide on them, the orders awaiting its approval (a pending
  approval of one of its groups). It changes the orders it placed, or with OrderAdmin those of its buyer.
* The marketplace owner's orders are Incoming (Outgoing would hold the orders it forwards to suppliers: none yet).
  Orders not yet submitted (Unsubmitted, AwaitingApproval, Declined, or canceled before submission) show only with
  UnsubmittedOrderReader or OrderAdmin: RN v1.0.20 names the first, and the second creates orders on behalf of
  buyer users, so it must see them before they are submitted. It changes orders only with OrderAdmin (Shopper,
  which the order routes also accept, is a buyer's role).
* Supplier users see no order until orders are forwarded to suppliers.

An order the caller cannot see is a 404, never a 403 (ARCHITECTURE.md rule 2).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, and_, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import buyer_groups
from mercato.auth.roles import Role
from mercato.context import Caller, RequestContext, UserType
from mercato.db.tables import order_approvals, orders
from mercato.errors import NotFound
from mercato.orders.status import Direction

o = orders.c

BUYER_WIDE_READ = frozenset({Role.FullAccess, Role.OrderAdmin, Role.OrderReader})
BUYER_WIDE_WRITE = frozenset({Role.FullAccess, Role.OrderAdmin})
SEES_UNSUBMITTED = frozenset({Role.FullAccess, Role.OrderAdmin, Role.UnsubmittedOrderReader})


def _holds(caller: Caller, roles: frozenset[Role]) -> bool:
    return not roles.isdisjoint(caller.roles)


def groups_of(caller: Caller) -> Any:
    """The IDs of the caller's buyer user groups (a SELECT)."""
    return buyer_groups(caller.marketplace_id, caller.company_id, caller.uid)


def awaiting_my_approval(caller: Caller) -> ColumnElement[bool]:
    """The order awaits an approval that one of the caller's groups gives."""
    a = order_approvals.c
    pending_for_me = (
        select(a.order_id)
        .where(
            a.marketplace_id == o.marketplace_id,
            a.order_id == o.id,
            a.status == "Pending",
            a.approving_group_id.in_(groups_of(caller)),
        )
        .exists()
    )
    return and_(o.status == "AwaitingApproval", pending_for_me)


def readable(caller: Caller, direction: Direction) -> ColumnElement[bool]:
    mine = o.marketplace_id == caller.marketplace_id
    if caller.user_type is UserType.BUYER:
        if direction is Direction.Incoming:
            return false()
        wide = true() if _holds(caller, BUYER_WIDE_READ) else o.from_user_uid == caller.uid
        return and_(mine, o.from_company_id == caller.company_id, or_(wide, awaiting_my_approval(caller)))
    if caller.user_type is UserType.ADMIN:
        if direction is Direction.Outgoing:
            return false()
        return mine if _holds(caller, SEES_UNSUBMITTED) else and_(mine, o.is_submitted.is_(True))
    return false()


def writable(caller: Caller, direction: Direction) -> ColumnElement[bool]:
    mine = o.marketplace_id == caller.marketplace_id
    if caller.user_type is UserType.BUYER:
        if direction is Direction.Incoming:
            return false()
        wide = true() if _holds(caller, BUYER_WIDE_WRITE) else o.from_user_uid == caller.uid
        return and_(mine, o.from_company_id == caller.company_id, wide)
    if caller.user_type is UserType.ADMIN and direction is not Direction.Outgoing and _holds(caller, BUYER_WIDE_WRITE):
        return mine  # an admin changes orders with OrderAdmin only (Shopper is a buyer's role)
    return false()


async def find_order(
    ctx: RequestContext, direction: Direction, order_id: str, *, write: bool = False, lock: bool = False
) -> Row[Any]:
    """The order row the caller may read (``write``: change), 404 otherwise. ``lock`` takes its row lock first
    (SELECT … FOR UPDATE), so that everything that changes an order or its children runs one after another."""
    condition = writable(ctx.caller, direction) if write else readable(ctx.caller, direction)
    query = select(orders).where(o.marketplace_id == ctx.marketplace_id, o.id == order_id, condition)
    if lock:
        query = query.with_for_update(of=orders)
    row = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("Order", order_id)
    return row


async def lock_order(connection: AsyncConnection, marketplace_id: str, order_id: str) -> Row[Any]:
    """The order's row under its row lock, whoever asks (the caller's right to it was checked before)."""
    query = select(orders).where(o.marketplace_id == marketplace_id, o.id == order_id).with_for_update(of=orders)
    row = (await connection.execute(query)).first()
    if row is None:
        raise NotFound("Order", order_id)
    return row
