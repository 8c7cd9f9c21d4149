"""What shipping does to an order (SEMANTICS.md §6.1, §6.7): each line's QuantityShipped is the sum of its shipment
items and never exceeds its Quantity, and an Open order whose every line is fully shipped becomes Completed.

Every function here runs with the order's row lock held (``lock_order`` / ``find_order(..., lock=True)``), taken
*after* the lock of the shipment concerned, so that all changes to one order's shipped quantities run one after
another and two requests never lock the same rows in opposite orders. The quantity itself moves with one guarded
``UPDATE … SET quantity_shipped = quantity_shipped + n WHERE quantity_shipped + n <= quantity``: even without the
lock, no interleaving could ship more than was ordered.

Giving quantities back (an item deleted or lowered, a shipment deleted) never reopens a Completed order: completion
is irreversible (§6.1), as with ``POST complete`` (docs/decisions/0022-shipments.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.tables import line_items, orders, shipment_items
from mercato.errors import BadRequest, NotFound
from mercato.orders.status import OrderStatus
from mercato.orders.visibility import lock_order

o = orders.c
li = line_items.c
si = shipment_items.c

NO_MORE_SHIPMENTS = frozenset({OrderStatus.Completed, OrderStatus.Canceled})
"""Nothing more ships from these: completion is final (§6.1), and a canceled order is dead."""


def _line(order: Row[Any], line_item_id: str) -> list[Any]:
    return [li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.id == line_item_id]


def _item(order: Row[Any], shipment_id: str, line_item_id: str) -> list[Any]:
    return [
        si.marketplace_id == order.marketplace_id,
        si.shipment_id == shipment_id,
        si.order_id == order.id,
        si.line_item_id == line_item_id,
    ]


def check_status(order: Row[Any]) -> None:
    """400 Order.CannotShipBadStatus when nothing more may ship from the order."""
    if order.status in NO_MORE_SHIPMENTS:
        raise BadRequest(
            "Order.CannotShipBadStatus",
            f"Nothing more can ship from an order with the status {order.status}",
            {"OrderID": order.id, "Status": order.status},
        )


async def ship_quantity(connection: AsyncConnection, order: Row[Any], line_item_id: str, delta: int) -> None:
    """Move the line's QuantityShipped by ``delta`` (either sign): 404 LineItem when the order has no such line,
    400 ShipmentItem.QuantityExceeded when the line would ship more than its Quantity, else 400
    Order.CannotShipBadStatus when it would ship more from a Completed or Canceled order, or give back what a
    Completed order shipped."""
    if delta == 0:
        return
    moving = update(line_items).where(*_line(order, line_item_id)).values(quantity_shipped=li.quantity_shipped + delta)
    if delta < 0:
        if order.status == OrderStatus.Completed:
            # Completed is final: quantities given back could never ship again from it.
            raise BadRequest(
                "Order.CannotShipBadStatus",
                "The shipments of a completed order are final",
                {"OrderID": order.id, "Status": order.status},
            )
        await connection.execute(moving)
        return
    if order.status not in NO_MORE_SHIPMENTS:
        guarded = moving.where(li.quantity_shipped + delta <= li.quantity).returning(li.quantity_shipped)
        if (await connection.execute(guarded)).first() is not None:
            return
    line = (
        await connection.execute(select(li.quantity, li.quantity_shipped).where(*_line(order, line_item_id)))
    ).first()
    if line is None:
        raise NotFound("LineItem", line_item_id)
    if line.quantity_shipped + delta > line.quantity:
        raise BadRequest(
            "ShipmentItem.QuantityExceeded",
            f"Line item {line_item_id} has {line.quantity - line.quantity_shipped} of {line.quantity} left to ship, "
            f"not {delta}",
            {
                "OrderID": order.id,
                "LineItemID": line_item_id,
                "Quantity": line.quantity,
                "QuantityShipped": line.quantity_shipped,
                "QuantityRequested": delta,
            },
        )
    check_status(order)
    raise RuntimeError(f"Line item {line_item_id}: the guarded update refused what the locked line allows")


async def shipped(connection: AsyncConnection, order: Row[Any]) -> int:
    """How many units of the order have shipped, on every shipment."""
    query = select(func.coalesce(func.sum(li.quantity_shipped), 0)).where(
        li.marketplace_id == order.marketplace_id, li.order_id == order.id
    )
    return int(await connection.scalar(query) or 0)


async def settle(connection: AsyncConnection, order: Row[Any], now: datetime) -> bool:
    """After the order's shipped quantities changed: LastUpdated is now, and an Open order whose lines are all
    fully shipped becomes Completed (DateCompleted now). True when it did."""
    lines = [li.marketplace_id == order.marketplace_id, li.order_id == order.id]
    pending = exists().where(*lines, li.quantity_shipped < li.quantity)
    has_lines = exists().where(*lines)
    key = [o.marketplace_id == order.marketplace_id, o.id == order.id]
    if order.status == OrderStatus.Open:
        completing = update(orders).where(*key, o.status == OrderStatus.Open.value, has_lines, ~pending)
        done = await connection.execute(
            completing.values(status=OrderStatus.Completed.value, date_completed=now, last_updated=now)
        )
        if done.rowcount:
            return True
    await connection.execute(update(orders).where(*key).values(last_updated=now))
    return False


async def save_item(
    connection: AsyncConnection, order: Row[Any], shipment_id: str, line_item_id: str, quantity: int, now: datetime
) -> None:
    """Create or update the shipment's item for one line with ``quantity`` (≥ 1) shipped: the line's
    QuantityShipped moves by the difference, and the order settles (may complete)."""
    previous = await connection.scalar(select(si.quantity_shipped).where(*_item(order, shipment_id, line_item_id)))
    await ship_quantity(connection, order, line_item_id, quantity - (previous or 0))
    if previous is None:
        await connection.execute(
            shipment_items.insert().values(
                marketplace_id=order.marketplace_id,
                shipment_id=shipment_id,
                order_id=order.id,
                line_item_id=line_item_id,
                quantity_shipped=quantity,
            )
        )
    elif previous != quantity:
        await connection.execute(
            update(shipment_items).where(*_item(order, shipment_id, line_item_id)).values(quantity_shipped=quantity)
        )
    await settle(connection, order, now)


async def remove_item(
    connection: AsyncConnection, order: Row[Any], shipment_id: str, line_item_id: str, now: datetime
) -> None:
    """Delete the shipment's item for one line and give its quantity back to the line (404 ShipmentItem)."""
    gone = await connection.execute(
        delete(shipment_items).where(*_item(order, shipment_id, line_item_id)).returning(si.quantity_shipped)
    )
    quantity = gone.scalar()
    if quantity is None:
        raise NotFound("ShipmentItem", f"{shipment_id}/{order.id}/{line_item_id}")
    await ship_quantity(connection, order, line_item_id, -quantity)
    await settle(connection, order, now)


async def release_shipment(connection: AsyncConnection, marketplace_id: str, shipment_id: str, now: datetime) -> None:
    """Before a shipment is deleted: every item's quantity goes back to its line, and the items go. The orders
    are locked in ID order, so that two such releases cannot deadlock."""
    held = (
        await connection.execute(
            select(si.order_id, si.line_item_id, si.quantity_shipped)
            .where(si.marketplace_id == marketplace_id, si.shipment_id == shipment_id)
            .order_by(si.order_id, si.line_item_id)
        )
    ).all()
    for order_id in sorted({item.order_id for item in held}):
        order = await lock_order(connection, marketplace_id, order_id)
        for item in (item for item in held if item.order_id == order_id):
            await ship_quantity(connection, order, item.line_item_id, -item.quantity_shipped)
        await settle(connection, order, now)
    await connection.execute(
        delete(shipment_items).where(si.marketplace_id == marketplace_id, si.shipment_id == shipment_id)
    )


async def check_ship_all(connection: AsyncConnection, order: Row[Any]) -> None:
    """Orders.Ship's preconditions: the order is Open (Order.CannotShipBadStatus), has lines
    (Order.CannotShipWithNoLineItems), and none of them is on a shipment yet (Order.ConflictsWithOtherShipments)."""
    if order.status != OrderStatus.Open:
        raise BadRequest(
            "Order.CannotShipBadStatus",
            f"Only Open orders can be shipped, not {order.status}",
            {"OrderID": order.id, "Status": order.status},
        )
    lines = await connection.scalar(
        select(func.count()).where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
    )
    if not lines:
        raise BadRequest(
            "Order.CannotShipWithNoLineItems", "The order has no line items to ship", {"OrderID": order.id}
        )
    shipped = (
        await connection.execute(
            select(si.shipment_id, si.line_item_id)
            .where(si.marketplace_id == order.marketplace_id, si.order_id == order.id)
            .order_by(si.shipment_id, si.line_item_id)
            .limit(1)
        )
    ).first()
    if shipped is not None:
        raise BadRequest(
            "Order.ConflictsWithOtherShipments",
            f"Line item {shipped.line_item_id} of the order is already on shipment {shipped.shipment_id}",
            {"OrderID": order.id, "ShipmentID": shipped.shipment_id, "LineItemID": shipped.line_item_id},
        )


async def ship_all(connection: AsyncConnection, order: Row[Any], shipment_id: str, now: datetime) -> None:
    """Orders.Ship, after ``check_ship_all``: one item per line with its remaining quantity, every line fully
    shipped, and the order Completed."""
    lines = (
        await connection.execute(
            select(li.id, li.quantity - li.quantity_shipped)
            .where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
            .order_by(li.id)
        )
    ).all()
    rows = [
        {
            "marketplace_id": order.marketplace_id,
            "shipment_id": shipment_id,
            "order_id": order.id,
            "line_item_id": line_id,
            "quantity_shipped": remaining,
        }
        for line_id, remaining in lines
        if remaining > 0
    ]
    if rows:
        await connection.execute(shipment_items.insert(), rows)
    await connection.execute(
        update(line_items)
        .where(li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.quantity_shipped < li.quantity)
        .values(quantity_shipped=li.quantity)
    )
    await settle(connection, order, now)
