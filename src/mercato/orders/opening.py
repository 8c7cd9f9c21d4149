"""An order becoming Open (SEMANTICS.md §5.2, §6.5): stock is taken and spending accounts are charged in the same
transaction as the status change, or nothing happens.

Stock changes by guarded atomic UPDATEs (``SET q = q - n WHERE q >= n``, unless the product may be oversold), so
concurrent submits can never take more than there is, on either database: the loser's UPDATE matches no row and
its whole transaction is rolled back with 400 Inventory.Insufficient. Balances are charged under the account's row
lock (mercato.orders.payments). Canceling an Open order gives both back.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.catalog_version import CATALOG_NEUTRAL
from mercato.db.tables import line_items, orders, products, variants
from mercato.errors import BadRequest
from mercato.orders import payments, shipping
from mercato.orders.status import OrderStatus
from mercato.orders.visibility import lock_order

p, v, li, o = products.c, variants.c, line_items.c, orders.c


async def open_order(connection: AsyncConnection, order: Row[Any], now: datetime, *, approved: bool) -> None:
    """Take the order's stock, charge its spending accounts and make it Open (``approved``: by a last approval).
    The caller has checked the payments (mercato.orders.submission)."""
    await _move_stock(connection, order, now, taking=True)
    await payments.charge_spending_accounts(connection, order, now)
    values: dict[str, Any] = {"status": OrderStatus.Open.value, "is_submitted": True, "last_updated": now}
    if approved:
        values["date_approved"] = now
    key = (o.marketplace_id == order.marketplace_id, o.id == order.id)
    await connection.execute(update(orders).where(*key).values(values))
    # Items may ship before submission: an order opening with every line shipped is complete at once.
    await shipping.settle(connection, await lock_order(connection, order.marketplace_id, order.id), now)


async def give_back(connection: AsyncConnection, order: Row[Any], now: datetime) -> None:
    """Undo ``open_order``'s stock and charges (an Open order being canceled)."""
    await _move_stock(connection, order, now, taking=False)
    await payments.refund_spending_accounts(connection, order, now)


async def _move_stock(connection: AsyncConnection, order: Row[Any], now: datetime, *, taking: bool) -> None:
    mid = order.marketplace_id
    query = (
        select(
            li.product_id, li.variant_id, func.sum(li.quantity).label("quantity"), p.inventory_variant_level_tracking
        )
        .join_from(line_items, products, and_(p.marketplace_id == li.marketplace_id, p.id == li.product_id))
        .where(li.marketplace_id == mid, li.order_id == order.id, p.inventory_enabled.is_(True))
        .group_by(li.product_id, li.variant_id, p.inventory_variant_level_tracking)
    )
    by_product: dict[str, int] = defaultdict(int)
    by_variant: dict[tuple[str, str], int] = defaultdict(int)
    for row in (await connection.execute(query)).all():
        if row.inventory_variant_level_tracking and row.variant_id is not None:
            by_variant[(row.product_id, row.variant_id)] += int(row.quantity)
        else:
            by_product[row.product_id] += int(row.quantity)
    for product_id, quantity in sorted(by_product.items()):  # a fixed order: concurrent submits cannot deadlock
        await _change(connection, mid, product_id, None, quantity if taking else -quantity, now)
    for (product_id, variant_id), quantity in sorted(by_variant.items()):
        await _change(connection, mid, product_id, variant_id, quantity if taking else -quantity, now)


async def _change(
    connection: AsyncConnection, marketplace_id: str, product_id: str, variant_id: str | None, taken: int, now: datetime
) -> None:
    if variant_id is None:
        available = func.coalesce(p.inventory_quantity_available, 0)
        guard = or_(p.inventory_order_can_exceed.is_(True), available >= taken) if taken > 0 else true()
        statement = (
            update(products)
            .where(p.marketplace_id == marketplace_id, p.id == product_id, guard)
            .values(inventory_quantity_available=available - taken, inventory_last_updated=now)
        )
    else:
        available = func.coalesce(v.inventory_quantity_available, 0)
        can_exceed = (
            select(p.inventory_order_can_exceed)
            .where(p.marketplace_id == marketplace_id, p.id == product_id)
            .scalar_subquery()
        )
        guard = or_(can_exceed.is_(True), available >= taken) if taken > 0 else true()
        statement = (
            update(variants)
            .where(v.marketplace_id == marketplace_id, v.product_id == product_id, v.id == variant_id, guard)
            .values(inventory_quantity_available=available - taken, inventory_last_updated=now)
        )
    # Stock is not what a cached product list keeps (mercato.catalog.browse_cache): no new catalog version.
    result = await connection.execute(statement.execution_options(**{CATALOG_NEUTRAL: True}))
    if result.rowcount == 0 and taken > 0:
        raise BadRequest(
            "Inventory.Insufficient",
            f"Not enough of product {product_id} in stock",
            {"ProductID": product_id, "VariantID": variant_id, "QuantityRequested": taken},
        )
