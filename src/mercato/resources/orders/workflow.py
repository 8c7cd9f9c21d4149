"""What moves an order along (SEMANTICS.md §6.1-6.3): validate, submit, approve, decline, cancel, complete; and
the approval lists (``approvals``, ``eligibleapprovers``, ``/me/orders/approvable``).

Every action locks the order row first, so two actions on one order run one after the other and each sees the
status the other left.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts import users as accounts
from mercato.accounts.schemas import User
from mercato.context import RequestContext, UserType
from mercato.db.tables import order_approvals, orders, user_group_assignments, users
from mercato.errors import BadRequest, Forbidden
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.orders import approvals
from mercato.orders.opening import give_back, open_order
from mercato.orders.shipping import shipped
from mercato.orders.status import Direction, OrderStatus, check_cancel, check_complete
from mercato.orders.submission import payment_problems, problems, raise_all
from mercato.orders.users import order_user, user_by_uid
from mercato.orders.visibility import awaiting_my_approval, find_order, groups_of, lock_order
from mercato.resources.orders.listing import APPROVAL_SPEC, ME_SPEC
from mercato.resources.orders.schemas import Order, OrderApproval, OrderApprovalInfo, order_from_row
from mercato.resources.orders.service import list_parameters

o, oa = orders.c, order_approvals.c


async def validate(ctx: RequestContext, direction: Direction, order_id: str) -> None:
    order = await find_order(ctx, direction, order_id)
    raise_all(await problems(ctx.connection, order))


async def submit(ctx: RequestContext, direction: Direction, order_id: str) -> Order:
    """Unsubmitted -> Open, or AwaitingApproval when approval rules call for approvals (mercato.orders.approvals)."""
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    raise_all(await problems(ctx.connection, order))
    await _set(ctx, order, date_submitted=ctx.now)
    order = await lock_order(ctx.connection, order.marketplace_id, order.id)
    pending = await approvals.advance(ctx.connection, order, ctx.now)
    if pending:
        await _set(ctx, order, status=OrderStatus.AwaitingApproval.value)
    else:
        auto_approved = await _round_has_approvals(ctx.connection, order)
        await open_order(ctx.connection, order, ctx.now, approved=auto_approved)
    return order_from_row(await lock_order(ctx.connection, order.marketplace_id, order.id))


async def approve(ctx: RequestContext, direction: Direction, order_id: str, info: OrderApprovalInfo) -> Order:
    """Approves the caller's groups' pending approvals; the order is Open once none is left (chained rules that
    this approval makes true join in first)."""
    order, mine = await _decision(ctx, direction, order_id)
    await _complete_approvals(ctx, mine, "Approved", info)
    if await approvals.advance(ctx.connection, order, ctx.now) == 0:
        # Payments may have changed while the order awaited approval: check them again before charging.
        raise_all(await payment_problems(ctx.connection, order))
        await open_order(ctx.connection, order, ctx.now, approved=True)
    return order_from_row(await lock_order(ctx.connection, order.marketplace_id, order.id))


async def decline(ctx: RequestContext, direction: Direction, order_id: str, info: OrderApprovalInfo) -> Order:
    """Declined, or back to Unsubmitted when AllowResubmit: the user may change the order and submit it again."""
    order, mine = await _decision(ctx, direction, order_id)
    await _complete_approvals(ctx, mine, "Declined", info)
    await _drop_pending(ctx, order)
    status = OrderStatus.Unsubmitted if info.AllowResubmit else OrderStatus.Declined
    await _set(ctx, order, status=status.value, date_declined=ctx.now)
    return order_from_row(await lock_order(ctx.connection, order.marketplace_id, order.id))


async def cancel(ctx: RequestContext, direction: Direction, order_id: str) -> Order:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    check_cancel(order.status, ctx.caller.user_type, bool(await shipped(ctx.connection, order)))
    if order.status == OrderStatus.Open:
        await give_back(ctx.connection, order, ctx.now)
    await _drop_pending(ctx, order)
    await _set(ctx, order, status=OrderStatus.Canceled.value, date_canceled=ctx.now)
    return order_from_row(await lock_order(ctx.connection, order.marketplace_id, order.id))


async def complete(ctx: RequestContext, direction: Direction, order_id: str) -> Order:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    check_complete(order.status)
    await _set(ctx, order, status=OrderStatus.Completed.value, date_completed=ctx.now)
    return order_from_row(await lock_order(ctx.connection, order.marketplace_id, order.id))


# --- lists --------------------------------------------------------------------------------------------------------


async def list_approvals(
    ctx: RequestContext, direction: Direction, order_id: str, query: ListQuery
) -> ListPage[OrderApproval]:
    order = await find_order(ctx, direction, order_id)
    base = select(order_approvals).where(oa.marketplace_id == order.marketplace_id, oa.order_id == order.id)
    page = await fetch_page(ctx.connection, base, APPROVAL_SPEC, query)
    items = [
        OrderApproval(
            ApprovalRuleID=row.approval_rule_id,
            ApprovingGroupID=row.approving_group_id,
            Status=row.status,
            AllowResubmit=row.allow_resubmit,
            DateCreated=row.date_created,
            DateCompleted=row.date_completed,
            Approver=row.approver,
            Comments=row.comments,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def eligible_approvers(
    ctx: RequestContext, direction: Direction, order_id: str, query: ListQuery
) -> ListPage[User]:
    """The users who can still decide: members of the groups with a pending approval, the order's user aside."""
    order = await find_order(ctx, direction, order_id)
    u, g = users.c, user_group_assignments.c
    groups = list(await approvals.pending_groups(ctx.connection, order)) if order.status == "AwaitingApproval" else []
    members = select(g.user_uid).where(
        g.marketplace_id == order.marketplace_id,
        g.group_type == UserType.BUYER.value,
        g.company_id == order.from_company_id,
        g.user_group_id.in_(groups),
    )
    base = select(users).where(
        u.marketplace_id == order.marketplace_id, u.uid.in_(members), u.uid != order.from_user_uid
    )
    page = await accounts.store.list(ctx.connection, accounts.SPEC, query, base)
    return page


async def list_mine(ctx: RequestContext, query: ListQuery) -> ListPage[Order]:
    """``/me/orders``: the orders the caller placed."""
    caller = ctx.caller
    base = select(orders).where(
        o.marketplace_id == caller.marketplace_id,
        o.from_user_uid == caller.uid,
        o.from_company_id == caller.company_id,  # orders left behind with a buyer the user moved away from
        *list_parameters(query),
    )
    page = await fetch_page(ctx.connection, base, ME_SPEC, query)
    return ListPage(Items=[order_from_row(row) for row in page.rows], Meta=page.meta)


async def list_approvable(ctx: RequestContext, query: ListQuery) -> ListPage[Order]:
    """``/me/orders/approvable``: orders awaiting an approval the caller can give (not its own)."""
    caller = ctx.caller
    if caller.user_type is not UserType.BUYER:
        base = select(orders).where(o.marketplace_id == caller.marketplace_id, o.id.is_(None))
    else:
        base = select(orders).where(
            o.marketplace_id == caller.marketplace_id,
            o.from_company_id == caller.company_id,
            o.from_user_uid != caller.uid,
            awaiting_my_approval(caller),
            *list_parameters(query, submitted_by_default=False),
        )
    page = await fetch_page(ctx.connection, base, ME_SPEC, query)
    return ListPage(Items=[order_from_row(row) for row in page.rows], Meta=page.meta)


# --- helpers ------------------------------------------------------------------------------------------------------


async def _decision(ctx: RequestContext, direction: Direction, order_id: str) -> tuple[Row[Any], list[str]]:
    """The order under lock and the IDs of the pending approvals the caller may decide, or 400/403."""
    order = await find_order(ctx, direction, order_id, lock=True)
    if order.status != OrderStatus.AwaitingApproval:
        raise BadRequest("Order.MustBeAwaitingApproval", f"The order's status is {order.status}, not AwaitingApproval")
    caller = ctx.caller
    pending = await approvals.pending_groups(ctx.connection, order)
    mine: list[str] = []
    if caller.user_type is UserType.BUYER and caller.uid != order.from_user_uid:
        my_groups = set(await ctx.connection.scalars(groups_of(caller)))
        mine = [approval for group, ids in pending.items() if group in my_groups for approval in ids]
    if not mine:
        raise Forbidden(
            "Order.NotEligibleToApprove",
            "Only a member of an approving group with a pending approval, other than the order's user, may decide",
            {"OrderID": order.id},
        )
    return order, mine


async def _complete_approvals(
    ctx: RequestContext, approval_ids: list[str], status: str, info: OrderApprovalInfo
) -> None:
    approver = order_user(await user_by_uid(ctx.connection, ctx.marketplace_id, ctx.caller.uid))
    await ctx.connection.execute(
        update(order_approvals)
        .where(oa.marketplace_id == ctx.marketplace_id, oa.id.in_(approval_ids))
        .values(
            status=status,
            approver=approver,
            comments=info.Comments,
            allow_resubmit=info.AllowResubmit if status == "Declined" else False,
            date_completed=ctx.now,
        )
    )


async def _drop_pending(ctx: RequestContext, order: Row[Any]) -> None:
    """A declined or canceled order's round is over: the approvals nobody gave are not history, and left
    Pending they would still show the order as awaiting their groups."""
    await ctx.connection.execute(
        delete(order_approvals).where(
            oa.marketplace_id == order.marketplace_id, oa.order_id == order.id, oa.status == "Pending"
        )
    )


async def _round_has_approvals(connection: AsyncConnection, order: Row[Any]) -> bool:
    query = select(func.count()).where(
        oa.marketplace_id == order.marketplace_id, oa.order_id == order.id, oa.date_created >= order.date_submitted
    )
    return bool(await connection.scalar(query))


async def _set(ctx: RequestContext, order: Row[Any], **values: Any) -> None:
    await ctx.connection.execute(
        update(orders)
        .where(o.marketplace_id == order.marketplace_id, o.id == order.id)
        .values(last_updated=ctx.now, **values)
    )
