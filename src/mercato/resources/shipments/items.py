"""Shipment items (``/shipments/{shipmentID}/items``) and the order-side routes: ``POST
/orders/{direction}/{orderID}/ship`` and ``GET /orders/{direction}/{orderID}/shipments``.

An item ships QuantityShipped (at least 1; DeleteItem removes one) of one line of an order the caller sees; saving
it again sets the quantity. What that does to the line and the order is mercato.orders.shipping, run under the
shipment's row lock and then the order's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select

from mercato.context import RequestContext
from mercato.db.tables import orders, shipment_items
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, ListSpec, fetch_page
from mercato.orders import shipping
from mercato.orders.status import Direction
from mercato.orders.visibility import find_order
from mercato.resources.orders.schemas import Order, order_from_row
from mercato.resources.shipments import service
from mercato.resources.shipments.access import item_visible
from mercato.resources.shipments.listing import ITEM_SPEC, SPEC, items_of
from mercato.resources.shipments.schemas import Shipment, ShipmentItem, item_from_row

si = shipment_items.c
o = orders.c

ORDER_SPEC = ListSpec(fields=SPEC.fields, tiebreak=SPEC.tiebreak, default_sort=SPEC.default_sort, xp=SPEC.xp)
"""Orders.ListShipments takes no orderID: the path names the order."""


async def list_items(ctx: RequestContext, shipment_id: str, query: ListQuery) -> ListPage[ShipmentItem]:
    await service.find_visible(ctx, shipment_id)
    base = items_of(ctx.marketplace_id, shipment_id).where(item_visible(ctx.caller))
    return await page_of_items(ctx, base, query)


async def page_of_items(ctx: RequestContext, base: Any, query: ListQuery) -> ListPage[ShipmentItem]:
    if query.parameters.get("orderID"):
        base = base.where(si.order_id == query.parameters["orderID"])
    page = await fetch_page(ctx.connection, base, ITEM_SPEC, query)
    return ListPage(Items=[item_from_row(row) for row in page.rows], Meta=page.meta)


async def get_item(ctx: RequestContext, shipment_id: str, order_id: str, line_item_id: str) -> ShipmentItem:
    await service.find_visible(ctx, shipment_id)
    return item_from_row(await _item_row(ctx, shipment_id, order_id, line_item_id))


async def _item_row(ctx: RequestContext, shipment_id: str, order_id: str, line_item_id: str) -> Row[Any]:
    query = items_of(ctx.marketplace_id, shipment_id).where(
        si.order_id == order_id, si.line_item_id == line_item_id, item_visible(ctx.caller)
    )
    row: Row[Any] | None = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("ShipmentItem", f"{shipment_id}/{order_id}/{line_item_id}")
    return row


async def save_item(ctx: RequestContext, shipment_id: str, item: ShipmentItem) -> ShipmentItem:
    """Create or update: 404 for a shipment, order or line the caller does not see; 400
    ShipmentItem.QuantityExceeded when the line would ship more than ordered, Shipment.BuyerMismatch when the
    order is another buyer's, Order.CannotShipBadStatus when the order is Completed or Canceled."""
    shipment = await service.lock(ctx, shipment_id)
    order = await find_order(ctx, Direction.Incoming, item.OrderID, lock=True)
    await service.fill_buyer(ctx, shipment, order)
    await shipping.save_item(ctx.connection, order, shipment_id, item.LineItemID, item.QuantityShipped, ctx.now)
    return item_from_row(await _item_row(ctx, shipment_id, item.OrderID, item.LineItemID))


async def delete_item(ctx: RequestContext, shipment_id: str, order_id: str, line_item_id: str) -> None:
    await service.lock(ctx, shipment_id)
    order = await find_order(ctx, Direction.Incoming, order_id, lock=True)
    await shipping.remove_item(ctx.connection, order, shipment_id, line_item_id, ctx.now)


async def ship(ctx: RequestContext, direction: Direction, order_id: str, body: Shipment) -> tuple[Order, str]:
    """Orders.Ship: one new shipment (``body``) holding every line's quantity; the order becomes Completed.
    Returns the order and the new shipment's ID."""
    order = await find_order(ctx, direction, order_id, lock=True)
    await shipping.check_ship_all(ctx.connection, order)
    shipment = await service.create(ctx, body, buyer_id=order.from_company_id)
    assert shipment.ID is not None  # the store always gives a created shipment its ID
    await shipping.ship_all(ctx.connection, order, shipment.ID, ctx.now)
    shipped = (
        await ctx.connection.execute(select(orders).where(o.marketplace_id == order.marketplace_id, o.id == order.id))
    ).one()
    return order_from_row(shipped), shipment.ID


async def list_for_order(
    ctx: RequestContext, direction: Direction, order_id: str, query: ListQuery
) -> ListPage[Shipment]:
    """Orders.ListShipments: the shipments holding an item of an order the caller sees."""
    await find_order(ctx, direction, order_id)
    base = service.store.select(service.scope(ctx)).where(service.holds_order(order_id))
    return await service.store.list(ctx.connection, ORDER_SPEC, query, base)
