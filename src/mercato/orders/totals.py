"""Order totals (SEMANTICS.md §5.5), kept in step with the lines in the transaction that changes them.

    Subtotal          = Σ LineSubtotal
    PromotionDiscount = Σ line-level promotion amounts (+ order-level ones, once promotions exist)
    Total             = Subtotal + TaxCost + ShippingCost + Gratuity + Fees - PromotionDiscount

All to cents. ``refresh`` reads the lines and writes the sums while the order row is locked (every line, payment
and shipment write locks it first), so the sums are computed with Decimal in Python: on SQLite a SUM in SQL would
be a float. The order-level ShippingAddressID (and the one-time address
new lines inherit) is the lines' common one, null when they differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog import money
from mercato.db.tables import line_items, orders
from mercato.errors import ValidationFailure

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Charges:
    subtotal: Decimal
    shipping_cost: Decimal = ZERO
    tax_cost: Decimal = ZERO
    gratuity: Decimal = ZERO
    fees: Decimal = ZERO
    promotion_discount: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        """Order.Total, to cents."""
        gross = self.subtotal + self.tax_cost + self.shipping_cost + self.gratuity + self.fees
        return money.amount(gross - self.promotion_discount)


async def refresh(
    connection: AsyncConnection, marketplace_id: str, order_id: str, now: datetime, *, order: Row[Any] | None = None
) -> None:
    """Recompute LineItemCount, Subtotal, PromotionDiscount, Total and the common ShippingAddressID of a locked
    order from its lines, and stamp LastUpdated. ``order``: the locked row, when this request has not changed its
    costs since reading it (spares reading them again)."""
    li = line_items.c
    lines = (
        await connection.execute(
            select(li.line_subtotal, li.promotion_discount, li.shipping_address_id, li.shipping_address).where(
                li.marketplace_id == marketplace_id, li.order_id == order_id
            )
        )
    ).all()
    o = orders.c
    costs: Any = order
    if costs is None:
        query = select(o.shipping_cost, o.tax_cost, o.gratuity, o.fees)
        costs = (await connection.execute(query.where(o.marketplace_id == marketplace_id, o.id == order_id))).one()
    charges = Charges(
        subtotal=money.amount(sum((Decimal(line.line_subtotal) for line in lines), ZERO)),
        shipping_cost=Decimal(costs.shipping_cost),
        tax_cost=Decimal(costs.tax_cost),
        gratuity=Decimal(costs.gratuity),
        fees=Decimal(costs.fees),
        promotion_discount=money.amount(sum((Decimal(line.promotion_discount) for line in lines), ZERO)),
    )
    if max(charges.subtotal, charges.total) > money.MAX_AMOUNT:
        raise ValidationFailure(f"The order's total would exceed {money.MAX_AMOUNT:,}", "Quantity")
    values: dict[str, object] = {
        "line_item_count": len(lines),
        "subtotal": charges.subtotal,
        "promotion_discount": charges.promotion_discount,
        "total": charges.total,
        "last_updated": now,
    }
    if lines:
        first = lines[0]
        same = all(
            line.shipping_address_id == first.shipping_address_id and line.shipping_address == first.shipping_address
            for line in lines
        )
        values["shipping_address_id"] = first.shipping_address_id if same else None
        values["shipping_address"] = first.shipping_address if same else None
    await connection.execute(update(orders).where(o.marketplace_id == marketplace_id, o.id == order_id).values(values))
