"""The cart (SEMANTICS.md §6.2): the caller's current unsubmitted order, so a storefront needs no order ID.

The current cart is the order chosen with ``PUT /cart/{orderID}`` while it stays the caller's and unsubmitted,
else the caller's most recently created unsubmitted order. ``GET /cart`` never 404s: with no cart it answers an
empty Order (ID null). Adding a line item, PUT and PATCH create the cart when there is none. Everything else is
the order and line item routes in direction Outgoing, so every rule of theirs holds here too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.context import RequestContext, UserType
from mercato.db.dialect import upsert
from mercato.db.tables import active_carts, orders, users
from mercato.errors import BadRequest, NotFound
from mercato.orders.status import Direction, OrderStatus
from mercato.resources.orders import service as order_service
from mercato.resources.orders.schemas import Order

o, ac = orders.c, active_carts.c
OUTGOING = Direction.Outgoing


def _mine(ctx: RequestContext) -> list[Any]:
    caller = ctx.caller
    return [
        o.marketplace_id == caller.marketplace_id,
        o.from_user_uid == caller.uid,
        o.from_company_id == caller.company_id,
        o.status == OrderStatus.Unsubmitted.value,
    ]


async def current_id(ctx: RequestContext) -> str | None:
    """The ID of the caller's cart, or None."""
    if ctx.caller.user_type is not UserType.BUYER:
        return None
    chosen = (
        select(o.id)
        .join_from(active_carts, orders, (o.marketplace_id == ac.marketplace_id) & (o.id == ac.order_id))
        .where(ac.marketplace_id == ctx.marketplace_id, ac.user_uid == ctx.caller.uid, *_mine(ctx))
    )
    found = await ctx.connection.scalar(chosen)
    if found is None:
        newest = select(o.id).where(*_mine(ctx)).order_by(o.date_created.desc(), o.id.desc()).limit(1)
        found = await ctx.connection.scalar(newest)
    return found


async def required_id(ctx: RequestContext) -> str:
    """The cart's ID; 404 when there is none (what needs an existing cart: its lines, its submission)."""
    cart = await current_id(ctx)
    if cart is None:
        raise NotFound("Order", "cart")
    return cart


async def ensured_id(ctx: RequestContext) -> str:
    """The cart's ID, creating an empty cart first when there is none."""
    await _one_at_a_time(ctx)
    cart = await current_id(ctx)
    if cart is None:
        cart = (await order_service.create(ctx, OUTGOING, Order())).ID
        assert cart is not None
    return cart


async def _one_at_a_time(ctx: RequestContext) -> None:
    """Lock the caller's user row before looking for its cart, so that two requests adding the first line at once
    make one cart between them, not two (on SQLite write transactions already run one at a time)."""
    u = users.c
    await ctx.connection.execute(
        select(u.uid).where(u.marketplace_id == ctx.marketplace_id, u.uid == ctx.caller.uid).with_for_update()
    )


async def get(ctx: RequestContext) -> Order:
    cart = await current_id(ctx)
    return Order(ID=None) if cart is None else await order_service.get(ctx, OUTGOING, cart)


async def save(ctx: RequestContext, body: Order) -> Order:
    await _one_at_a_time(ctx)
    cart = await current_id(ctx)
    if cart is None:
        return await order_service.create(ctx, OUTGOING, body)
    return await order_service.save(ctx, OUTGOING, cart, body)


async def patch(ctx: RequestContext, changes: dict[str, Any]) -> Order:
    return await order_service.patch(ctx, OUTGOING, await ensured_id(ctx), changes)


async def delete(ctx: RequestContext) -> None:
    cart = await current_id(ctx)
    if cart is not None:
        await order_service.delete_order(ctx, OUTGOING, cart)


async def set_active(ctx: RequestContext, order_id: str) -> None:
    """``PUT /cart/{orderID}``: one of the caller's unsubmitted orders becomes the cart (not for anonymous
    shoppers, who have a single cart)."""
    if ctx.caller.is_anonymous:
        raise BadRequest("Auth.AnonUserProhibited", "Anonymous shoppers have a single cart")
    found = await ctx.connection.scalar(select(o.id).where(*_mine(ctx), o.id == order_id))
    if found is None:
        raise NotFound("Order", order_id)
    row = {"marketplace_id": ctx.marketplace_id, "user_uid": ctx.caller.uid, "order_id": order_id}
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, active_carts, row, ["marketplace_id", "user_uid"]))
