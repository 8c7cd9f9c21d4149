"""Pricing a line item for the order's user (SEMANTICS.md §5.3-5.5), on every create and change.

1. The product must be visible to the order's user (mercato.catalog.product_visibility: the same SQL condition
   as ``/me/products``), not a parent nor a bundle, and have a price schedule for that user (404 / 400).
2. Specs are chosen and checked, and the variant resolved (mercato.orders.specs).
3. Quantity rules: MinQuantity, MaxQuantity, RestrictedQuantity, on the line or, with UseCumulativeQuantity, on
   the product's quantity summed over the order's lines.
4. Stock: with inventory enabled and OrderCanExceed false, the order's lines of the product (of the variant, when
   stock is tracked per variant) may not ask for more than is available (400 Inventory.Insufficient). Nothing is
   taken yet: stock is decremented when the order becomes Open (mercato.orders.opening).
5. Price: the break for the (cumulative) quantity, its sale price in the sale window, plus the spec markups;
   an OverrideUnitPrice caller may set UnitPrice instead (PriceOverridden).

A product without a price schedule for the user is 400 PriceSchedule.MissingOrConflicting: OrderCloud publishes no
dedicated code for "visible but not purchasable"; this one names the missing schedule (decision 0020).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog import money, pricing
from mercato.catalog.product_visibility import bound_visible, price_schedule_id
from mercato.catalog.visibility import BOUND_PARTY
from mercato.db.tables import line_items, price_schedules, products
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.orders.specs import ChosenSpecs, choose, markups_of
from mercato.orders.users import party_parameters

p, li, ps = products.c, line_items.c, price_schedules.c


@dataclass(frozen=True, slots=True)
class LineChange:
    """What a create, PUT or PATCH asks of a line."""

    line_id: str | None
    """The line being changed (its own quantity does not count twice); None for a new line."""
    product_id: str
    quantity: int
    specs: Sequence[dict[str, Any]]
    unit_price: Decimal | None
    """An overriding UnitPrice (the caller holds OverrideUnitPrice), or None to price it."""


@dataclass(frozen=True, slots=True)
class PricedLine:
    columns: dict[str, Any]
    """The line_items columns the change sets: product and variant copies, specs, prices."""
    cumulative: bool
    """Its schedule prices by the order's total of the product: the product's other lines follow it."""


async def price_line(connection: AsyncConnection, order: Row[Any], change: LineChange, now: datetime) -> PricedLine:
    """The line as the change makes it, checked as the module docstring says."""
    mid = order.marketplace_id
    parameters = party_parameters(order) | {"line_product_id": change.product_id}
    product = (await connection.execute(_visible_product(connection.dialect.name), parameters)).first()
    if product is None:
        raise NotFound("Product", change.product_id)
    if product.is_parent:
        raise BadRequest(
            "LineItem.CannotPurchaseParentProduct",
            "A parent product cannot be ordered: order one of its variants' products",
        )
    if product.is_bundle:
        raise BadRequest("LineItem.CannotPurchaseBundleProduct", "Bundles are not sold as line items yet")
    schedule_row = await _schedule(connection, mid, product.schedule_id)
    if schedule_row is None:
        raise BadRequest(
            "PriceSchedule.MissingOrConflicting",
            f"Product {product.id} has no price for this user",
            {"ProductID": product.id},
        )
    chosen = await choose(connection, mid, product.id, change.specs)
    schedule = schedule_of(schedule_row)
    others = await _ordered(connection, order, product.id, change.line_id)
    cumulative = others + change.quantity
    pricing.check_line_quantity(schedule, change.quantity, cumulative_quantity=cumulative)
    await _check_stock(connection, order, product, chosen, change)
    if change.unit_price is not None:
        totals = pricing.line_totals(change.unit_price, change.quantity)
        on_sale = False
    else:
        price = pricing.unit_price(
            schedule, change.quantity, now, cumulative_quantity=cumulative, markups=chosen.markups
        )
        totals = pricing.line_totals(price, change.quantity)
        on_sale = price.is_on_sale
    if totals.line_subtotal > money.MAX_AMOUNT:
        raise ValidationFailure(f"The line's subtotal would exceed {money.MAX_AMOUNT:,}", "Quantity")
    columns = {
        "product_id": product.id,
        "variant_id": chosen.variant.id if chosen.variant is not None else None,
        "quantity": change.quantity,
        "unit_price": totals.unit_price,
        "line_subtotal": totals.line_subtotal,
        "line_total": totals.line_total,
        "promotion_discount": Decimal(0),
        "product": product_copy(product),
        "variant": variant_copy(chosen.variant),
        "specs": chosen.line_specs,
        "price_schedule_id": schedule_row.id,
        "is_on_sale": on_sale,
        "price_overridden": change.unit_price is not None,
        "supplier_id": product.default_supplier_id,
        "ship_from_address_id": product.ship_from_address_id,
    }
    return PricedLine(columns, schedule.use_cumulative_quantity)


@functools.cache
def _visible_product(dialect_name: str) -> Select[Any]:
    """The product a line asks for, if the order's user sees it, with the ID of the schedule it pays: built once
    per process on the bound party (building the visibility walk costs milliseconds; running it, far less)."""
    return select(products, price_schedule_id(BOUND_PARTY, dialect_name).label("schedule_id")).where(
        p.marketplace_id == BOUND_PARTY.marketplace_id,
        p.id == bindparam("line_product_id"),
        bound_visible(False, one="line_product_id"),
    )


async def reprice_cumulative(connection: AsyncConnection, order: Row[Any], product_id: str, now: datetime) -> None:
    """With UseCumulativeQuantity the break of every line of a product follows the order's total of it: after one
    line changes, the others of the same product (not overridden) are priced again."""
    rows = (
        await connection.execute(
            select(line_items).where(
                li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.product_id == product_id
            )
        )
    ).all()
    if not rows:
        return
    schedule_row = await _schedule(connection, order.marketplace_id, rows[0].price_schedule_id)
    if schedule_row is None or not schedule_row.use_cumulative_quantity:
        return
    schedule = schedule_of(schedule_row)
    cumulative = sum(row.quantity for row in rows)
    for row in rows:
        if row.price_overridden:
            continue
        price = pricing.unit_price(
            schedule, row.quantity, now, cumulative_quantity=cumulative, markups=markups_of(row.specs)
        )
        totals = pricing.line_totals(price, row.quantity)
        await connection.execute(
            update(line_items)
            .where(li.marketplace_id == row.marketplace_id, li.order_id == row.order_id, li.id == row.id)
            .values(
                unit_price=totals.unit_price,
                line_subtotal=totals.line_subtotal,
                line_total=totals.line_total - Decimal(row.promotion_discount),
                is_on_sale=price.is_on_sale,
            )
        )


async def _schedule(connection: AsyncConnection, marketplace_id: str, schedule_id: str | None) -> Row[Any] | None:
    if schedule_id is None:
        return None
    query = select(price_schedules).where(ps.marketplace_id == marketplace_id, ps.id == schedule_id)
    return (await connection.execute(query)).first()


def schedule_of(row: Row[Any]) -> pricing.Schedule:
    """A ``price_schedules`` row as the pricing core's Schedule."""
    return pricing.schedule_of(
        row.price_breaks or (),
        min_quantity=row.min_quantity,
        max_quantity=row.max_quantity,
        use_cumulative_quantity=row.use_cumulative_quantity,
        restricted_quantity=row.restricted_quantity,
        sale_start=row.sale_start,
        sale_end=row.sale_end,
    )


async def _ordered(
    connection: AsyncConnection,
    order: Row[Any],
    product_id: str,
    except_line: str | None,
    *,
    only_variant: tuple[str | None] | None = None,
) -> int:
    """How many units of the product the order's other lines hold (of one variant: ``only_variant=(id,)``)."""
    query = select(func.coalesce(func.sum(li.quantity), 0)).where(
        li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.product_id == product_id
    )
    if except_line is not None:
        query = query.where(li.id != except_line)
    if only_variant is not None:
        query = query.where(li.variant_id == only_variant[0])
    return int(await connection.scalar(query) or 0)


async def _check_stock(
    connection: AsyncConnection, order: Row[Any], product: Row[Any], chosen: ChosenSpecs, change: LineChange
) -> None:
    if not product.inventory_enabled or product.inventory_order_can_exceed:
        return
    by_variant = bool(product.inventory_variant_level_tracking and chosen.variant is not None)
    if by_variant:
        assert chosen.variant is not None
        available = chosen.variant.inventory_quantity_available or 0
    else:
        available = product.inventory_quantity_available or 0
    variant_id = chosen.variant.id if chosen.variant is not None else None
    variant = (variant_id,) if by_variant else None
    wanted = change.quantity + await _ordered(connection, order, product.id, change.line_id, only_variant=variant)
    if wanted > available:
        raise BadRequest(
            "Inventory.Insufficient",
            f"Only {available} of product {product.id} available, {wanted} ordered",
            {
                "ProductID": product.id,
                "VariantID": variant_id,
                "QuantityAvailable": available,
                "QuantityRequested": wanted,
            },
        )


def product_copy(product: Row[Any]) -> dict[str, Any]:
    """LineItem.Product (LineItemProduct)."""

    def number(value: Any) -> float | None:
        return None if value is None else float(value) + 0.0

    return {
        "ID": product.id,
        "Name": product.name,
        "Description": product.description,
        "Returnable": product.returnable,
        "QuantityMultiplier": product.quantity_multiplier,
        "ShipWeight": number(product.ship_weight),
        "ShipHeight": number(product.ship_height),
        "ShipWidth": number(product.ship_width),
        "ShipLength": number(product.ship_length),
        "DefaultSupplierID": product.default_supplier_id,
        "ParentID": product.parent_id,
        "xp": product.xp,
    }


def variant_copy(variant: Row[Any] | None) -> dict[str, Any] | None:
    """LineItem.Variant (LineItemVariant)."""
    if variant is None:
        return None

    def number(value: Any) -> float | None:
        return None if value is None else float(value) + 0.0

    return {
        "ID": variant.id,
        "Name": variant.name,
        "Description": variant.description,
        "ShipWeight": number(variant.ship_weight),
        "ShipHeight": number(variant.ship_height),
        "ShipWidth": number(variant.ship_width),
        "ShipLength": number(variant.ship_length),
        "xp": variant.xp,
    }
