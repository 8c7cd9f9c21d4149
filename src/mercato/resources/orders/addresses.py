"""One-time addresses (SEMANTICS.md §6.6): ``PUT/PATCH /orders/{direction}/{orderID}/shipto|billto`` and
``PUT/PATCH …/lineitems/{lineItemID}/shipto`` set an address that is not in any address book.

PUT replaces (it also replaces an address set by ID); PATCH changes a one-time address already set: 400
``ShippingAddress.CannotModifyNotFound`` / ``BillingAddress.CannotModifyNotFound`` when there is none, and
``…CannotPatchSetByID`` when the address came from an address book. The order-level ship-to applies to every
line and to the lines added later; a line's own ship-to changes that line only.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Row, select, update

from mercato.codec import convert
from mercato.context import RequestContext
from mercato.db.tables import line_items, orders
from mercato.errors import BadRequest, NotFound
from mercato.orders import totals
from mercato.orders.status import Direction, require_unsubmitted
from mercato.orders.visibility import find_order
from mercato.patching import patch_model
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.line_items.schemas import LineItem, line_from_row
from mercato.resources.orders.schemas import Order
from mercato.resources.orders.service import reread
from mercato.xp import check_xp

o, li = orders.c, line_items.c


def _copy(address: Address) -> dict[str, Any]:
    check_xp(address.xp)
    copy: dict[str, Any] = msgspec.to_builtins(address)
    copy["ID"] = None
    copy["DateCreated"] = None
    return copy


def _patched(kind: str, current: dict[str, Any] | None, set_by_id: bool, changes: dict[str, Any]) -> dict[str, Any]:
    if current is None:
        raise BadRequest(f"{kind}.CannotModifyNotFound", f"There is no {kind} to patch: PUT one first")
    if set_by_id:
        raise BadRequest(f"{kind}.CannotPatchSetByID", f"The {kind} comes from an address book: change its ID")
    return _copy(convert(patch_model(current, changes), Address))


async def set_shipping(ctx: RequestContext, direction: Direction, order_id: str, address: Address) -> Order:
    order = await _writable(ctx, direction, order_id)
    await _ship_order_to(ctx, order, _copy(address))
    return await reread(ctx.connection, order.marketplace_id, order.id)


async def patch_shipping(ctx: RequestContext, direction: Direction, order_id: str, changes: dict[str, Any]) -> Order:
    order = await _writable(ctx, direction, order_id)
    current = order.shipping_address
    if current is None:
        first = await ctx.connection.scalar(
            select(li.shipping_address)
            .where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
            .limit(1)
        )
        current = first
    copy = _patched("ShippingAddress", current, order.shipping_address_id is not None, changes)
    await _ship_order_to(ctx, order, copy)
    return await reread(ctx.connection, order.marketplace_id, order.id)


async def set_billing(ctx: RequestContext, direction: Direction, order_id: str, address: Address) -> Order:
    order = await _writable(ctx, direction, order_id)
    await _bill_to(ctx, order, _copy(address))
    return await reread(ctx.connection, order.marketplace_id, order.id)


async def patch_billing(ctx: RequestContext, direction: Direction, order_id: str, changes: dict[str, Any]) -> Order:
    order = await _writable(ctx, direction, order_id)
    copy = _patched("BillingAddress", order.billing_address, order.billing_address_id is not None, changes)
    await _bill_to(ctx, order, copy)
    return await reread(ctx.connection, order.marketplace_id, order.id)


async def set_line_shipping(
    ctx: RequestContext, direction: Direction, order_id: str, line_id: str, address: Address
) -> LineItem:
    order = await _writable(ctx, direction, order_id)
    line = await _line(ctx, order, line_id)
    return await _ship_line_to(ctx, order, line, _copy(address))


async def patch_line_shipping(
    ctx: RequestContext, direction: Direction, order_id: str, line_id: str, changes: dict[str, Any]
) -> LineItem:
    order = await _writable(ctx, direction, order_id)
    line = await _line(ctx, order, line_id)
    copy = _patched("ShippingAddress", line.shipping_address, line.shipping_address_id is not None, changes)
    return await _ship_line_to(ctx, order, line, copy)


async def _writable(ctx: RequestContext, direction: Direction, order_id: str) -> Row[Any]:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    require_unsubmitted(order.status)
    return order


async def _ship_order_to(ctx: RequestContext, order: Row[Any], copy: dict[str, Any]) -> None:
    await ctx.connection.execute(
        update(orders).where(*_order_key(order)).values(shipping_address_id=None, shipping_address=copy)
    )
    await ctx.connection.execute(
        update(line_items)
        .where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
        .values(shipping_address_id=None, shipping_address=copy)
    )
    await totals.refresh(ctx.connection, order.marketplace_id, order.id, ctx.now)


async def _bill_to(ctx: RequestContext, order: Row[Any], copy: dict[str, Any]) -> None:
    await ctx.connection.execute(
        update(orders)
        .where(*_order_key(order))
        .values(billing_address_id=None, billing_address=copy, last_updated=ctx.now)
    )


async def _ship_line_to(ctx: RequestContext, order: Row[Any], line: Row[Any], copy: dict[str, Any]) -> LineItem:
    key = (li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.id == line.id)
    await ctx.connection.execute(update(line_items).where(*key).values(shipping_address_id=None, shipping_address=copy))
    await totals.refresh(ctx.connection, order.marketplace_id, order.id, ctx.now)
    return line_from_row((await ctx.connection.execute(select(line_items).where(*key))).one())


async def _line(ctx: RequestContext, order: Row[Any], line_id: str) -> Row[Any]:
    query = select(line_items).where(
        li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.id == line_id
    )
    row = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("LineItem", line_id)
    return row


def _order_key(order: Row[Any]) -> tuple[Any, ...]:
    return (o.marketplace_id == order.marketplace_id, o.id == order.id)
