"""Shipments (``/shipments``): the marketplace owner's record of what left for a buyer, with the copies of the
addresses it went from and to. Items and the order-side routes are ``items.py``.

* FromAddressID names one of the marketplace owner's addresses, ToAddressID one of the shipment's buyer's
  addresses (so it needs BuyerID); each is copied into FromAddress/ToAddress when it is set or changed, and the
  copy stays while the ID does. ``PUT …/shipfrom|shipto`` set a one-time copy and clear the ID; clearing the ID
  drops a copy that came from it and keeps a one-time one.
* BuyerID, when set, names an existing buyer, and the buyer of every item's order (400 Shipment.BuyerMismatch);
  the first item fills it when it is empty.
* OwnerID is the marketplace (the seller) unless the create names another owner; after that it is kept.

Every write locks the shipment row first, then (items.py, mercato.orders.shipping) the orders concerned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from sqlalchemy import Row, and_, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog import money
from mercato.codec import utc_field
from mercato.context import RequestContext
from mercato.db.tables import addresses, buyers, orders, shipment_items, shipments
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery
from mercato.orders import shipping
from mercato.orders.addresses import FIELDS, snapshot
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.shipments.access import visible
from mercato.resources.shipments.listing import SPEC
from mercato.resources.shipments.schemas import Shipment
from mercato.store import Scope, Store
from mercato.xp import check_xp

c = shipments.c
si = shipment_items.c
o = orders.c
a = addresses.c

BUYER_MISMATCH = "Shipment.BuyerMismatch"
"""Ours (OrderCloud publishes no code for it), recorded in decision 0022."""


class _ShipmentStore(Store[Shipment]):
    """Cost is NUMERIC in the database and a JSON number (float) on the wire."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> Shipment:
        shipment = super().from_row(row)
        if shipment.Cost is not None:
            shipment.Cost = float(shipment.Cost) + 0.0  # NUMERIC arrives as a Decimal; + 0.0: no negative zero
        return shipment


store = _ShipmentStore(
    shipments,
    Shipment,
    "Shipment",
    read_only=frozenset({"FromAddress", "ToAddress", "OwnerID"}),
    derived=lambda shipment: {"cost": None if shipment.Cost is None else money.amount(shipment.Cost)},
)


def scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


# --- reads --------------------------------------------------------------------------------------------------------


def holds_order(order_id: str) -> Any:
    """On ``shipments``: the shipment holds an item of the order."""
    return exists().where(si.marketplace_id == c.marketplace_id, si.shipment_id == c.id, si.order_id == order_id)


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Shipment]:
    base = store.select(scope(ctx)).where(visible(ctx.caller))
    if query.parameters.get("orderID"):
        base = base.where(holds_order(query.parameters["orderID"]))
    return await store.list(ctx.connection, SPEC, query, base)


async def find_visible(ctx: RequestContext, shipment_id: str) -> Row[Any]:
    query = store.select(scope(ctx)).where(c.id == shipment_id, visible(ctx.caller))
    row: Row[Any] | None = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("Shipment", shipment_id)
    return row


async def get(ctx: RequestContext, shipment_id: str) -> Shipment:
    return store.from_row(await find_visible(ctx, shipment_id))


# --- writes -------------------------------------------------------------------------------------------------------


async def lock(ctx: RequestContext, shipment_id: str) -> Row[Any]:
    """The shipment's row under its row lock (writes are the marketplace owner's, who sees every shipment)."""
    query = store.select(scope(ctx)).where(c.id == shipment_id).with_for_update(of=shipments)
    row: Row[Any] | None = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("Shipment", shipment_id)
    return row


async def create(ctx: RequestContext, body: Shipment, *, buyer_id: str | None = None) -> Shipment:
    """POST /shipments, and the shipment Orders.Ship creates for the order of ``buyer_id``."""
    if buyer_id is not None:
        body = msgspec.structs.replace(body, BuyerID=_same_buyer(body.BuyerID, buyer_id))
    body, copies = await _checked(ctx, body, None)
    server = {"owner_id": _owner(ctx, body.OwnerID), "date_created": ctx.now, **copies}
    return await store.create(ctx.connection, scope(ctx), body, server)


async def save(ctx: RequestContext, shipment_id: str, body: Shipment) -> Shipment:
    current = await _locked_or_none(ctx, shipment_id)
    body, copies = await _checked(ctx, body, current)
    server = None if current is not None else {"owner_id": _owner(ctx, body.OwnerID), "date_created": ctx.now}
    return (await store.save(ctx.connection, scope(ctx), shipment_id, body, server, also=copies)).item


async def patch(ctx: RequestContext, shipment_id: str, changes: dict[str, Any]) -> Shipment:
    current = await lock(ctx, shipment_id)
    merged = await store.merged(ctx.connection, scope(ctx), shipment_id, changes)
    merged, copies = await _checked(ctx, merged, current)
    return (await store.save(ctx.connection, scope(ctx), shipment_id, merged, also=copies)).item


async def delete(ctx: RequestContext, shipment_id: str) -> None:
    """Every item's quantity goes back to its line first (a Completed order stays Completed)."""
    await lock(ctx, shipment_id)
    await shipping.release_shipment(ctx.connection, ctx.marketplace_id, shipment_id, ctx.now)
    await store.delete(ctx.connection, scope(ctx), shipment_id)


async def set_address(ctx: RequestContext, shipment_id: str, address: Address, end: str) -> Shipment:
    """``PUT …/shipfrom`` (``end`` "from") or ``…/shipto`` ("to"): a one-time address, the ID cleared."""
    await lock(ctx, shipment_id)
    copy = msgspec.to_builtins(msgspec.structs.replace(address, DateCreated=None))
    copy["xp"] = check_xp(copy.get("xp"))
    statement = (
        update(shipments)
        .where(*store.key(scope(ctx), shipment_id))
        .values({f"{end}_address_id": None, f"{end}_address": {field: copy.get(field) for field in FIELDS}})
        .returning(*shipments.c)
    )
    return store.from_row((await ctx.connection.execute(statement)).one())


async def _locked_or_none(ctx: RequestContext, shipment_id: str) -> Row[Any] | None:
    try:
        return await lock(ctx, shipment_id)
    except NotFound:
        return None


def _owner(ctx: RequestContext, sent: str | None) -> str:
    """OwnerID on create: the marketplace, or — once suppliers exist — a supplier the marketplace owner names."""
    if not sent or sent == ctx.marketplace_id:
        return ctx.marketplace_id
    raise NotFound("Supplier", sent)


def _same_buyer(sent: str | None, buyer_id: str) -> str:
    if sent is not None and sent != buyer_id:
        raise BadRequest(
            BUYER_MISMATCH,
            f"The shipment is for buyer {sent}, the order is from buyer {buyer_id}",
            {"BuyerID": sent, "OrderBuyerID": buyer_id},
        )
    return buyer_id


async def fill_buyer(ctx: RequestContext, shipment: Row[Any], order: Row[Any]) -> None:
    """An item joins the shipment: its order's buyer is the shipment's (filled when empty; a PUT may have emptied
    it, so the items already there are asked too)."""
    if shipment.buyer_id is not None:
        _same_buyer(shipment.buyer_id, order.from_company_id)
        return
    other = await _other_buyer(ctx, shipment.id, order.from_company_id)
    if other is not None:
        _same_buyer(other, order.from_company_id)
    await ctx.connection.execute(
        update(shipments).where(*store.key(scope(ctx), shipment.id)).values(buyer_id=order.from_company_id)
    )


async def _other_buyer(ctx: RequestContext, shipment_id: str, buyer_id: str) -> str | None:
    """The buyer of an item's order on the shipment other than ``buyer_id``, if there is one."""
    joined = shipment_items.join(orders, and_(o.marketplace_id == si.marketplace_id, o.id == si.order_id))
    query = (
        select(o.from_company_id)
        .select_from(joined)
        .where(si.marketplace_id == ctx.marketplace_id, si.shipment_id == shipment_id, o.from_company_id != buyer_id)
        .limit(1)
    )
    other: str | None = await ctx.connection.scalar(query)
    return other


async def _checked(ctx: RequestContext, body: Shipment, current: Row[Any] | None) -> tuple[Shipment, dict[str, Any]]:
    """The body with its dates in UTC, its BuyerID checked, and the address copies to store with it."""
    body = msgspec.structs.replace(
        body,
        DateShipped=utc_field(body.DateShipped, "DateShipped"),
        DateDelivered=utc_field(body.DateDelivered, "DateDelivered"),
    )
    if body.BuyerID is not None:
        await _check_buyer(ctx, body.BuyerID, current)
    copies = {
        "from_address": await _copy(ctx, body, current, "from"),
        "to_address": await _copy(ctx, body, current, "to"),
    }
    return body, copies


async def _check_buyer(ctx: RequestContext, buyer_id: str, current: Row[Any] | None) -> None:
    found = exists().where(buyers.c.marketplace_id == ctx.marketplace_id, buyers.c.id == buyer_id)
    if not await ctx.connection.scalar(select(found)):
        raise NotFound("Buyer", buyer_id)
    if current is None or current.buyer_id == buyer_id:
        return
    other = await _other_buyer(ctx, current.id, buyer_id)
    if other is not None:
        _same_buyer(buyer_id, other)


async def _copy(ctx: RequestContext, body: Shipment, current: Row[Any] | None, end: str) -> dict[str, Any] | None:
    """FromAddress (``end`` "from") or ToAddress ("to") to store, as the module docstring says."""
    new_id: str | None = body.FromAddressID if end == "from" else body.ToAddressID
    old_id = None if current is None else current._mapping[f"{end}_address_id"]
    old_copy: dict[str, Any] | None = None if current is None else current._mapping[f"{end}_address"]
    if new_id is None:
        return None if old_id is not None else old_copy
    same_owner = end == "from" or (current is not None and current.buyer_id == body.BuyerID)
    if new_id == old_id and same_owner and old_copy is not None:
        return old_copy
    if end == "from":
        return await _address(ctx.connection, ctx.marketplace_id, "admin", "", new_id)
    if body.BuyerID is None:
        raise ValidationFailure("ToAddressID names an address of the shipment's buyer: BuyerID is required", "BuyerID")
    return await _address(ctx.connection, ctx.marketplace_id, "buyer", body.BuyerID, new_id)


async def _address(
    connection: AsyncConnection, marketplace_id: str, owner_type: str, company_id: str, address_id: str
) -> dict[str, Any]:
    query = select(*(a[column] for column in FIELDS.values())).where(
        a.marketplace_id == marketplace_id, a.owner_type == owner_type, a.company_id == company_id, a.id == address_id
    )
    row = (await connection.execute(query)).first()
    if row is None:
        raise NotFound("Address", address_id)
    return snapshot(row._mapping)
