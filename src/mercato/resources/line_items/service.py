"""Line items (``/orders/{direction}/{orderID}/lineitems``): each write locks the order, prices the line for the
order's user (mercato.orders.lines), and brings the order's totals up to date in the same transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import Row, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.roles import Role
from mercato.catalog import money
from mercato.codec import convert, utc_field
from mercato.context import RequestContext
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import line_items, orders
from mercato.errors import BadRequest, IdExists, NotFound, ValidationFailure
from mercato.ids import check_id, resolve_id
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.orders import totals
from mercato.orders.addresses import order_address, seller_address
from mercato.orders.lines import LineChange, PricedLine, price_line, reprice_cumulative
from mercato.orders.status import Direction, require_unsubmitted
from mercato.orders.users import as_caller
from mercato.orders.visibility import find_order, readable
from mercato.patching import patch_model
from mercato.resources.line_items.listing import ACROSS_SPEC, SPEC
from mercato.resources.line_items.schemas import ExtendedLineItem, LineItem, line_from_row
from mercato.resources.orders.schemas import order_from_mapping
from mercato.resources.orders.service import list_parameters
from mercato.xp import check_xp

li = line_items.c

WRITABLE = frozenset(
    {"ID", "ProductID", "Quantity", "UnitPrice", "CostCenter", "DateNeeded", "ShippingAccount", "ShippingAddressID"}
    | {"ShipFromAddressID", "InventoryRecordID", "Specs", "xp"}
)


async def list_(ctx: RequestContext, direction: Direction, order_id: str, query: ListQuery) -> ListPage[LineItem]:
    order = await find_order(ctx, direction, order_id)
    base = select(line_items).where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
    page = await fetch_page(ctx.connection, base, SPEC, query)
    return ListPage(Items=[line_from_row(row) for row in page.rows], Meta=page.meta)


async def list_across(ctx: RequestContext, direction: Direction, query: ListQuery) -> ListPage[ExtendedLineItem]:
    """Line items of every order the caller can read in ``direction`` (submitted ones unless the query filters on
    the order's IsSubmitted or Status, as order lists do), each with its order."""
    o = orders.c
    base = (
        select(line_items, *(column.label(f"order__{column.name}") for column in orders.c))
        .join_from(line_items, orders, (o.marketplace_id == li.marketplace_id) & (o.id == li.order_id))
        .where(readable(ctx.caller, direction), *list_parameters(query))
    )
    page = await fetch_page(ctx.connection, base, ACROSS_SPEC, query)
    items = []
    for row in page.rows:
        mapping = row._mapping
        order = {key.removeprefix("order__"): value for key, value in mapping.items() if key.startswith("order__")}
        line = line_from_row(row)
        items.append(
            ExtendedLineItem(
                **{f.name: getattr(line, f.name) for f in msgspec.structs.fields(line)},
                OrderID=order["id"],
                Order=msgspec.to_builtins(order_from_mapping(order)),
            )
        )
    return ListPage(Items=items, Meta=page.meta)


async def get(ctx: RequestContext, direction: Direction, order_id: str, line_id: str) -> LineItem:
    order = await find_order(ctx, direction, order_id)
    return line_from_row(await _line(ctx.connection, order, line_id))


async def create(ctx: RequestContext, direction: Direction, order_id: str, body: LineItem) -> LineItem:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    require_unsubmitted(order.status)
    line_id = await resolve_id(ctx.connection, ctx.marketplace_id, body.ID)
    priced = await _values(ctx, order, body, None)
    row = {"marketplace_id": order.marketplace_id, "order_id": order.id, "id": line_id, **priced.columns}
    row |= {"date_added": ctx.now, "quantity_shipped": 0}
    statement = insert_if_absent(ctx.connection.dialect.name, line_items, row, ["marketplace_id", "order_id", "id"])
    written = (await ctx.connection.execute(statement.returning(*line_items.c))).first()
    if written is None:
        raise IdExists("LineItem", line_id)
    return await _after_write(ctx, order, written, priced.cumulative)


async def save(ctx: RequestContext, direction: Direction, order_id: str, line_id: str, body: LineItem) -> LineItem:
    """PUT: replace the line (omitted fields reset), or create it under this ID."""
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    current = await _find_line(ctx.connection, order, line_id)
    if current is None:
        check_id(line_id)  # the path names the new line: POST's rule, no placeholder (docs/decisions/0003-ids.md)
        return await create(ctx, direction, order_id, msgspec.structs.replace(body, ID=body.ID or line_id))
    return await _replace(ctx, order, current, body)


async def patch(
    ctx: RequestContext, direction: Direction, order_id: str, line_id: str, changes: dict[str, Any]
) -> LineItem:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    current = await _line(ctx.connection, order, line_id)
    sent = {key: value for key, value in changes.items() if key in WRITABLE}
    if "UnitPrice" in sent and sent["UnitPrice"] in (None, ""):
        sent["UnitPrice"] = None  # PATCHing UnitPrice to null or "" prices the line again (RN v1.0.51)
        revert = True
    else:
        revert = False
    stored = msgspec.to_builtins(line_from_row(current))
    if not current.price_overridden and "UnitPrice" not in sent:
        stored["UnitPrice"] = None
    merged = convert(patch_model(stored, sent), LineItem)
    if revert:
        merged = msgspec.structs.replace(merged, UnitPrice=None)
    return await _replace(ctx, order, current, merged)


async def delete_line(ctx: RequestContext, direction: Direction, order_id: str, line_id: str) -> None:
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    require_unsubmitted(order.status)
    current = await _line(ctx.connection, order, line_id)
    if current.quantity_shipped:
        raise BadRequest(
            "ShipmentItem.QuantityExceeded",
            "Items of this line have shipped: remove them from their shipments first",
            {"QuantityShipped": current.quantity_shipped},
        )
    await ctx.connection.execute(delete(line_items).where(*_key(order, line_id)))
    await reprice_cumulative(ctx.connection, order, current.product_id, ctx.now)
    await totals.refresh(ctx.connection, order.marketplace_id, order.id, ctx.now)


async def _replace(ctx: RequestContext, order: Row[Any], current: Row[Any], body: LineItem) -> LineItem:
    require_unsubmitted(order.status)
    if body.ProductID not in (None, current.product_id):
        raise BadRequest(
            "LineItem.CannotChangeProductID", "A line item's ProductID cannot change", {"ProductID": current.product_id}
        )
    body = msgspec.structs.replace(body, ProductID=current.product_id)
    priced = await _values(ctx, order, body, current)
    values = dict(priced.columns)
    if body.ID and current.id != body.ID:
        new_id = await resolve_id(ctx.connection, ctx.marketplace_id, body.ID)
        if await _find_line(ctx.connection, order, new_id) is not None:
            raise IdExists("LineItem", new_id)
        values["id"] = new_id
    statement = update(line_items).where(*_key(order, current.id)).values(values).returning(*line_items.c)
    written = (await ctx.connection.execute(statement)).one()
    return await _after_write(ctx, order, written, priced.cumulative)


async def _values(ctx: RequestContext, order: Row[Any], body: LineItem, current: Row[Any] | None) -> PricedLine:
    """The line the body asks for, priced and checked (PricedLine.columns: every column it sets)."""
    if not body.ProductID:
        raise ValidationFailure("ProductID is required", "ProductID")
    if body.Quantity < 1:
        raise BadRequest("LineItem.QuantityMustBePositive", "Quantity must be at least 1", {"Quantity": body.Quantity})
    override = None
    if _may_override(ctx):
        override = None if body.UnitPrice is None else money.price(body.UnitPrice)
    elif current is not None and current.price_overridden:
        override = Decimal(current.unit_price)  # only a caller with OverrideUnitPrice sets or lifts an override
    if current is not None and body.Quantity < current.quantity_shipped:
        raise BadRequest(
            "ShipmentItem.QuantityExceeded",
            f"{current.quantity_shipped} units of this line have shipped: its Quantity cannot go below that",
            {"QuantityShipped": current.quantity_shipped},
        )
    date_added = current.date_added if current is not None else ctx.now
    needed = utc_field(body.DateNeeded, "DateNeeded")
    if needed is not None and needed <= date_added:
        raise BadRequest(
            "LineItem.DateNeededMustBeGreaterThanDateAdded",
            "DateNeeded must be after DateAdded",
            {"DateNeeded": needed.isoformat()},
        )
    specs = [msgspec.to_builtins(spec) for spec in body.Specs]
    change = LineChange(current.id if current is not None else None, body.ProductID, body.Quantity, specs, override)
    priced = await price_line(ctx.connection, order, change, ctx.now)
    values = priced.columns
    check_xp(body.xp)
    shipping_id = body.ShippingAddressID
    if shipping_id is None and current is None:
        shipping_id = order.shipping_address_id  # a new line ships where the order does
    ship_from_id = body.ShipFromAddressID or values["ship_from_address_id"]
    values |= {
        "cost_center": body.CostCenter,
        "date_needed": needed,
        "shipping_account": body.ShippingAccount,
        "inventory_record_id": body.InventoryRecordID,
        "xp": body.xp,
        "shipping_address_id": shipping_id,
        "shipping_address": await _shipping(ctx, order, current, shipping_id),
        "ship_from_address_id": ship_from_id,
        "ship_from_address": await seller_address(ctx.connection, ctx.marketplace_id, ship_from_id)
        if ship_from_id
        else None,
    }
    return priced


async def _shipping(
    ctx: RequestContext, order: Row[Any], current: Row[Any] | None, address_id: str | None
) -> dict[str, Any] | None:
    if address_id is None:
        # A one-time address (set through shipto) stays until an ID replaces it; a new line takes the order's.
        if current is None:
            inherited_once: dict[str, Any] | None = order.shipping_address
            return inherited_once
        kept: dict[str, Any] | None = current.shipping_address if current.shipping_address_id is None else None
        return kept
    if current is not None and current.shipping_address_id == address_id:
        unchanged: dict[str, Any] = current.shipping_address  # keep the copy the line was placed with
        return unchanged
    if order.shipping_address_id == address_id and order.shipping_address is not None:
        inherited: dict[str, Any] = order.shipping_address
        return inherited
    return await order_address(ctx.connection, as_caller(order), address_id, shipping=True)


def _may_override(ctx: RequestContext) -> bool:
    return not {Role.OverrideUnitPrice, Role.FullAccess}.isdisjoint(ctx.caller.roles)


async def _after_write(ctx: RequestContext, order: Row[Any], written: Row[Any], cumulative: bool) -> LineItem:
    """The order's other lines of the product follow a cumulative schedule (this one may then change too); the
    order's totals follow its lines (its costs are as locked: line writes do not change them)."""
    if cumulative:
        await reprice_cumulative(ctx.connection, order, written.product_id, ctx.now)
        written = await _line(ctx.connection, order, written.id)
    await totals.refresh(ctx.connection, order.marketplace_id, order.id, ctx.now, order=order)
    return line_from_row(written)


def _key(order: Row[Any], line_id: str) -> list[Any]:
    return [li.marketplace_id == order.marketplace_id, li.order_id == order.id, li.id == line_id]


async def _find_line(connection: AsyncConnection, order: Row[Any], line_id: str) -> Row[Any] | None:
    return (await connection.execute(select(line_items).where(*_key(order, line_id)))).first()


async def _line(connection: AsyncConnection, order: Row[Any], line_id: str) -> Row[Any]:
    row = await _find_line(connection, order, line_id)
    if row is None:
        raise NotFound("LineItem", line_id)
    return row
