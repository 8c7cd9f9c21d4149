"""The checks an order must pass to be submitted (SEMANTICS.md §6.1), shared by ``submit`` and ``validate``:
every failure is collected, so ``validate`` can answer 400 with all of them at once.

Status Unsubmitted; at least one line; every payment Accepted, the payments together not more than the Total;
every product still there, active, not a parent and visible to the order's user; stock for every line (unless it
may be oversold); and the price schedule's quantity rules for each line. Currency is not checked: there are no
locales yet, so every order and schedule has the marketplace's one currency.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog import pricing
from mercato.catalog.product_visibility import bound_visible
from mercato.catalog.visibility import BOUND_PARTY
from mercato.db.tables import line_items, payments, price_schedules, products, variants
from mercato.errors import ApiError, BadRequest
from mercato.orders.lines import schedule_of
from mercato.orders.status import submit_status_error
from mercato.orders.users import party_parameters

p, li, ps, v = products.c, line_items.c, price_schedules.c, variants.c


def raise_all(found: Sequence[ApiError]) -> None:
    """One 400 carrying every problem found (Errors[] holds them all), or nothing when there are none."""
    if found:
        first, rest = found[0], found[1:]
        raise BadRequest(first.code, str(first), first.errors[0].Data, more=[e for f in rest for e in f.errors])


async def problems(connection: AsyncConnection, order: Row[Any]) -> list[ApiError]:
    found: list[ApiError] = []
    status = submit_status_error(order.status)
    if status is not None:
        found.append(status)
    mid = order.marketplace_id
    lines = (
        await connection.execute(select(line_items).where(li.marketplace_id == mid, li.order_id == order.id))
    ).all()
    if not lines:
        found.append(BadRequest("Order.CannotSubmitWithNoLineItems", "The order has no line items"))
    found += await payment_problems(connection, order)
    if lines:
        found += await _product_problems(connection, order, lines)
    return found


async def payment_problems(connection: AsyncConnection, order: Row[Any]) -> list[ApiError]:
    """Every payment accepted, and together not more than the Total: checked at submit, and again when the order
    opens after its approvals (payments may change while it awaits them)."""
    found: list[ApiError] = []
    mid = order.marketplace_id
    paid = (
        await connection.execute(
            select(payments.c.id, payments.c.amount, payments.c.accepted)
            .where(payments.c.marketplace_id == mid, payments.c.order_id == order.id)
            .order_by(payments.c.date_created, payments.c.id)
        )
    ).all()
    unaccepted = [payment.id for payment in paid if payment.accepted is not True]
    explicit = sum((Decimal(payment.amount) for payment in paid if payment.amount is not None), Decimal(0))
    if explicit > Decimal(order.total):
        # The lines changed after the payments were made: charging them would take more than the order costs.
        found.append(
            BadRequest(
                "Payment.AlreadyPaid",
                f"The payments ({explicit}) exceed the order's total ({order.total}): lower them first",
                {"PaymentsTotal": float(explicit), "OrderTotal": float(order.total)},
            )
        )
    if unaccepted:
        found.append(
            BadRequest(
                "Order.CannotSubmitWithUnaccceptedPayments",
                "Every payment must be accepted before the order is submitted",
                {"PaymentIDs": unaccepted},
            )
        )
    return found


async def _product_problems(connection: AsyncConnection, order: Row[Any], lines: Sequence[Row[Any]]) -> list[ApiError]:
    found: list[ApiError] = []
    mid = order.marketplace_id
    product_ids = sorted({line.product_id for line in lines})
    parameters = party_parameters(order) | {"product_ids": product_ids}
    rows = (await connection.execute(_products_seen(), parameters)).all()
    by_id = {row.id: row for row in rows}
    missing = [pid for pid in product_ids if pid not in by_id or (not by_id[pid].seen and by_id[pid].active)]
    if missing:
        found.append(BadRequest("Order.ProductsNotFound", "Products are no longer available", {"ProductIDs": missing}))
    inactive = [pid for pid in product_ids if pid in by_id and not by_id[pid].active]
    if inactive:
        found.append(
            BadRequest("Order.CannotSubmitWithInactiveProduct", "Products are inactive", {"ProductIDs": inactive})
        )
    parents = [pid for pid in product_ids if pid in by_id and by_id[pid].is_parent]
    if parents:
        found.append(BadRequest("Order.CannotSubmitWithParentProduct", "Parent products", {"ProductIDs": parents}))
    found += await _stock_problems(connection, mid, lines, by_id)
    found += await _quantity_problems(connection, mid, lines)
    return found


@functools.cache
def _products_seen() -> Select[Any]:
    """The products bound as ``product_ids``, each with whether the order's user sees it (built once)."""
    return select(products, bound_visible(False, many="product_ids").label("seen")).where(
        p.marketplace_id == BOUND_PARTY.marketplace_id, p.id.in_(bindparam("product_ids", expanding=True))
    )


async def _stock_problems(
    connection: AsyncConnection, marketplace_id: str, lines: Sequence[Row[Any]], by_id: dict[str, Row[Any]]
) -> list[ApiError]:
    wanted: dict[tuple[str, str | None], int] = defaultdict(int)
    for line in lines:
        product = by_id.get(line.product_id)
        if product is None or not product.inventory_enabled or product.inventory_order_can_exceed:
            continue
        per_variant = product.inventory_variant_level_tracking and line.variant_id is not None
        wanted[(line.product_id, line.variant_id if per_variant else None)] += line.quantity
    found: list[ApiError] = []
    for (product_id, variant_id), quantity in sorted(wanted.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        if variant_id is None:
            available = by_id[product_id].inventory_quantity_available or 0
        else:
            query = select(v.inventory_quantity_available).where(
                and_(v.marketplace_id == marketplace_id, v.product_id == product_id, v.id == variant_id)
            )
            available = await connection.scalar(query) or 0
        if quantity > available:
            found.append(
                BadRequest(
                    "Inventory.Insufficient",
                    f"Only {available} of product {product_id} available, {quantity} ordered",
                    {"ProductID": product_id, "VariantID": variant_id, "QuantityAvailable": available},
                )
            )
    return found


async def _quantity_problems(
    connection: AsyncConnection, marketplace_id: str, lines: Sequence[Row[Any]]
) -> list[ApiError]:
    schedule_ids = sorted({line.price_schedule_id for line in lines if line.price_schedule_id})
    rows = await connection.execute(
        select(price_schedules).where(ps.marketplace_id == marketplace_id, ps.id.in_(schedule_ids))
    )
    schedules = {row.id: schedule_of(row) for row in rows}
    cumulative: dict[str, int] = defaultdict(int)
    for line in lines:
        cumulative[line.product_id] += line.quantity
    found: list[ApiError] = []
    for line in lines:
        schedule = schedules.get(line.price_schedule_id or "")
        if schedule is None:
            continue
        try:
            pricing.check_line_quantity(schedule, line.quantity, cumulative_quantity=cumulative[line.product_id])
        except ApiError as failure:
            found.append(failure)
    return found
