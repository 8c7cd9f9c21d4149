"""Orders (``/orders/{direction}``, ``/me/orders``): create, read, list, replace, patch and delete, before
submission. Who sees which order is mercato.orders.visibility; submission, approval and the later statuses are
``workflow.py``; totals follow the lines (mercato.orders.totals).

On create the order is placed for a buyer user: the caller, or — when the marketplace owner creates it on a buyer
user's behalf — the user named by FromUserID (with FromCompanyID naming the buyer when several buyers have a user
with that ID). That user's copy, its buyer and the marketplace (the only seller until suppliers exist) fix
FromUser, FromCompanyID and ToCompanyID for good.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import Row, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.auth.roles import Role
from mercato.catalog import money
from mercato.codec import convert
from mercato.context import Caller, RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import line_items, orders, users
from mercato.errors import BadRequest, Forbidden, IdExists, NotFound, ValidationFailure
from mercato.ids import check_id, resolve_id
from mercato.listing import Day, ListPage, ListQuery, fetch_page, parse_datetime
from mercato.orders import totals
from mercato.orders.addresses import order_address
from mercato.orders.shipping import shipped
from mercato.orders.status import Direction, OrderStatus, require_unsubmitted
from mercato.orders.users import as_caller, buyer_user, order_user, user_as_caller, user_by_uid
from mercato.orders.visibility import find_order, readable
from mercato.patching import patch_model
from mercato.resources.orders.listing import SELECTS_SUBMISSION, SPEC
from mercato.resources.orders.schemas import CREATE_ONLY, WRITABLE, Order, order_from_row
from mercato.xp import check_xp

o = orders.c
ZERO = Decimal(0)


# --- reads --------------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, direction: Direction, query: ListQuery) -> ListPage[Order]:
    base = select(orders).where(readable(ctx.caller, direction), *list_parameters(query))
    page = await fetch_page(ctx.connection, base, SPEC, query)
    return ListPage(Items=[order_from_row(row) for row in page.rows], Meta=page.meta)


def list_parameters(query: ListQuery, *, submitted_by_default: bool = True) -> list[Any]:
    """buyerID, supplierID, from and to (the order was created within), and the submitted-only default."""
    conditions: list[Any] = []
    parameters = query.parameters
    if parameters.get("buyerID"):
        conditions.append(o.from_company_id == parameters["buyerID"])
    if parameters.get("supplierID"):
        conditions.append(o.to_company_id == parameters["supplierID"])
    if parameters.get("from"):
        start = parse_datetime("from", parameters["from"])
        conditions.append(o.date_created >= (start.start if isinstance(start, Day) else start))
    if parameters.get("to"):
        end = parse_datetime("to", parameters["to"])  # a date alone takes in the whole day
        conditions.append(o.date_created < end.end if isinstance(end, Day) else o.date_created <= end)
    chosen = any(target.name in SELECTS_SUBMISSION for f in query.filters for target in f.targets)
    if submitted_by_default and not chosen:
        conditions.append(o.is_submitted.is_(True))
    return conditions


async def get(ctx: RequestContext, direction: Direction, order_id: str) -> Order:
    return order_from_row(await find_order(ctx, direction, order_id))


# --- writes -------------------------------------------------------------------------------------------------------


async def create(ctx: RequestContext, direction: Direction, body: Order) -> Order:
    user = await _placing_user(ctx, direction, body)
    if body.ToCompanyID not in (None, "", ctx.marketplace_id):
        raise ValidationFailure(
            "ToCompanyID must be the marketplace: orders to suppliers are not supported yet", "ToCompanyID"
        )
    order_id = await resolve_id(ctx.connection, ctx.marketplace_id, body.ID)
    values = await _writable_values(ctx, user_as_caller(user), body)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "id": order_id,
        "from_company_id": user.company_id,
        "to_company_id": ctx.marketplace_id,
        "from_user_uid": user.uid,
        "from_user_id": user.id,
        "from_user": order_user(user),
        "line_item_count": 0,
        "status": OrderStatus.Unsubmitted.value,
        "is_submitted": False,
        "date_created": ctx.now,
        "last_updated": ctx.now,
        "subtotal": ZERO,
        "fees": ZERO,
        "promotion_discount": ZERO,
        "total": ZERO,  # refresh() sums it right below
        **values,
    }
    inserted = await ctx.connection.execute(
        insert_if_absent(ctx.connection.dialect.name, orders, row, ["marketplace_id", "id"]).returning(o.id)
    )
    if inserted.first() is None:
        raise IdExists("Order", order_id)
    await totals.refresh(ctx.connection, ctx.marketplace_id, order_id, ctx.now)
    return await reread(ctx.connection, ctx.marketplace_id, order_id)


async def save(ctx: RequestContext, direction: Direction, order_id: str, body: Order) -> Order:
    """PUT: replace the writable fields of an unsubmitted order (omitted ones reset), or create it under this ID."""
    current = await _current(ctx, direction, order_id)
    if current is None:
        check_id(order_id)
        return await create(ctx, direction, msgspec.structs.replace(body, ID=body.ID or order_id))
    return await _replace(ctx, current, body)


async def patch(ctx: RequestContext, direction: Direction, order_id: str, changes: dict[str, Any]) -> Order:
    current = await find_order(ctx, direction, order_id, write=True, lock=True)
    sent = {key: value for key, value in changes.items() if key in WRITABLE - CREATE_ONLY}
    merged = convert(patch_model(msgspec.to_builtins(order_from_row(current)), sent), Order)
    return await _replace(ctx, current, merged)


async def delete_order(ctx: RequestContext, direction: Direction, order_id: str) -> None:
    current = await find_order(ctx, direction, order_id, write=True, lock=True)
    require_unsubmitted(current.status)
    if await shipped(ctx.connection, current):
        raise BadRequest(
            "Order.CannotDeleteWithShipments",
            "Items of this order have shipped: remove them from their shipments first",
            {"OrderID": order_id},
        )
    await ctx.connection.execute(delete(orders).where(o.marketplace_id == ctx.marketplace_id, o.id == order_id))


async def _current(ctx: RequestContext, direction: Direction, order_id: str) -> Row[Any] | None:
    try:
        return await find_order(ctx, direction, order_id, write=True, lock=True)
    except NotFound:
        taken = await ctx.connection.scalar(
            select(o.id).where(o.marketplace_id == ctx.marketplace_id, o.id == order_id)
        )
        if taken is not None:
            raise  # someone else's order: still a 404, never a takeover
        return None


async def _replace(ctx: RequestContext, current: Row[Any], body: Order) -> Order:
    require_unsubmitted(current.status)
    values = await _writable_values(ctx, as_caller(current), body, current)
    new_id = current.id
    if body.ID and current.id != body.ID:
        new_id = await resolve_id(ctx.connection, ctx.marketplace_id, body.ID)
        if await ctx.connection.scalar(select(o.id).where(o.marketplace_id == ctx.marketplace_id, o.id == new_id)):
            raise IdExists("Order", new_id)
        values["id"] = new_id
    await ctx.connection.execute(
        update(orders).where(o.marketplace_id == ctx.marketplace_id, o.id == current.id).values(values)
    )
    await totals.refresh(ctx.connection, ctx.marketplace_id, new_id, ctx.now)
    return await reread(ctx.connection, ctx.marketplace_id, new_id)


async def _writable_values(
    ctx: RequestContext, user: Caller, body: Order, current: Row[Any] | None = None
) -> dict[str, Any]:
    """The columns the body sets: addresses checked against the order's user and copied, costs that need an
    override role refused without it (unless unchanged), xp checked."""
    check_xp(body.xp)
    values: dict[str, Any] = {
        "comments": body.Comments,
        "xp": body.xp,
        "gratuity": money.amount(body.Gratuity),
        "shipping_cost": _override(ctx, "ShippingCost", body.ShippingCost, current, Role.OverrideShipping),
        "tax_cost": _override(ctx, "TaxCost", body.TaxCost, current, Role.OverrideTax),
        "billing_address_id": body.BillingAddressID,
        "billing_address": None,
    }
    if body.BillingAddressID:
        values["billing_address"] = await order_address(ctx.connection, user, body.BillingAddressID, shipping=False)
    elif current is not None and current.billing_address_id is None:
        values["billing_address"] = current.billing_address  # a one-time address set through billto stays
    shipping_id = body.ShippingAddressID
    if current is None or shipping_id != current.shipping_address_id:
        values["shipping_address_id"] = shipping_id
        values["shipping_address"] = (
            await order_address(ctx.connection, user, shipping_id, shipping=True) if shipping_id else None
        )
        if current is not None:
            await _ship_every_line_to(ctx.connection, current, shipping_id, values["shipping_address"])
    return values


async def _ship_every_line_to(
    connection: AsyncConnection, order: Row[Any], address_id: str | None, address: dict[str, Any] | None
) -> None:
    """Setting the order-level ShippingAddressID applies it to every line (SEMANTICS.md §6.6)."""
    li = line_items.c
    await connection.execute(
        update(line_items)
        .where(li.marketplace_id == order.marketplace_id, li.order_id == order.id)
        .values(shipping_address_id=address_id, shipping_address=address)
    )


def _override(ctx: RequestContext, field: str, value: float, current: Row[Any] | None, role: Role) -> Decimal:
    amount = money.amount(value)
    before = Decimal(getattr(current, _COLUMNS[field])) if current is not None else ZERO
    held = ctx.caller.roles
    if amount != before and Role.FullAccess not in held and role not in held:
        code = "Order.OverrideShippingPermission" if field == "ShippingCost" else "Order.OverrideTaxPermission"
        raise Forbidden(code, f"Setting {field} requires the {role} role", {"Field": field, "Role": role.value})
    return amount


_COLUMNS = {"ShippingCost": "shipping_cost", "TaxCost": "tax_cost"}


async def _placing_user(ctx: RequestContext, direction: Direction, body: Order) -> Row[Any]:
    caller = ctx.caller
    if caller.user_type is UserType.BUYER:
        if direction is Direction.Incoming:
            raise BadRequest("Order.CannotCreateInvalid", "A buyer user's orders are Outgoing")
        if body.FromUserID not in (None, "", caller.user_id):
            raise ValidationFailure(
                "FromUserID is writable only when an admin creates an order on behalf of a buyer user", "FromUserID"
            )
        return await user_by_uid(ctx.connection, ctx.marketplace_id, caller.uid)
    if caller.user_type is UserType.ADMIN and direction is not Direction.Outgoing:
        if not body.FromUserID:
            raise BadRequest(
                "Order.CreateIncomingRequiresFromUser",
                "An incoming order is created on behalf of a buyer user: FromUserID",
            )
        return await buyer_user(ctx.connection, ctx.marketplace_id, body.FromUserID, body.FromCompanyID)
    raise BadRequest("Order.CannotCreateInvalid", f"{caller.user_type} users cannot create {direction} orders")


async def reread(connection: AsyncConnection, marketplace_id: str, order_id: str) -> Order:
    """The order as this request has left it."""
    row = (await connection.execute(select(orders).where(o.marketplace_id == marketplace_id, o.id == order_id))).one()
    return order_from_row(row)


FROM_USER_FIELDS = {"FirstName": "first_name", "LastName": "last_name", "Email": "email", "Phone": "phone", "xp": "xp"}


async def patch_from_user(ctx: RequestContext, direction: Direction, order_id: str, changes: dict[str, Any]) -> Order:
    """``PATCH …/fromuser``: the contact details of the order's user (FirstName, LastName, Email, Phone, xp) on
    the order's copy, and on the user itself when the caller is that user (guest checkout: the anonymous user has
    no details yet); an admin or a colleague with OrderAdmin must not rewrite someone's email. Other fields (the
    username, password, roles) are refused."""
    order = await find_order(ctx, direction, order_id, write=True, lock=True)
    require_unsubmitted(order.status)
    unknown = sorted(set(changes) - set(FROM_USER_FIELDS))
    if unknown:
        raise ValidationFailure(f"Only {', '.join(FROM_USER_FIELDS)} of the order's user can change here", unknown[0])
    current = dict(order.from_user or {})
    merged = patch_model(current, changes)
    for field in ("FirstName", "LastName", "Email", "Phone"):
        value = merged.get(field)
        if value is not None and (not isinstance(value, str) or len(value) > (200 if field == "Email" else 100)):
            raise ValidationFailure(
                f"{field} must be text of at most {200 if field == 'Email' else 100} characters", field
            )
    check_xp(merged.get("xp"))
    u = users.c
    columns = {column: merged.get(field) for field, column in FROM_USER_FIELDS.items() if field in changes}
    if columns and ctx.caller.uid == order.from_user_uid:  # anyone else changes the order's copy only
        where = (u.marketplace_id == order.marketplace_id, u.uid == order.from_user_uid)
        await ctx.connection.execute(update(users).where(*where).values(columns))
    await ctx.connection.execute(
        update(orders)
        .where(o.marketplace_id == order.marketplace_id, o.id == order.id)
        .values(from_user=merged, last_updated=ctx.now)
    )
    return await reread(ctx.connection, ctx.marketplace_id, order.id)
