"""``/me/shipments``: the shipments holding items of orders the caller (a buyer user) can read, as
``/me/orders`` shows them; their items are limited to those orders. Any other shipment is a 404; the marketplace
owner's and suppliers' users have none here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, and_

from mercato.context import RequestContext
from mercato.db.tables import shipments
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery
from mercato.orders.status import Direction
from mercato.orders.visibility import readable
from mercato.resources.shipments import items
from mercato.resources.shipments.access import holds_item_readable_as
from mercato.resources.shipments.listing import SPEC, items_of
from mercato.resources.shipments.schemas import Shipment, ShipmentItem
from mercato.resources.shipments.service import holds_order, scope, store

c = shipments.c


def _mine(ctx: RequestContext) -> ColumnElement[bool]:
    return and_(c.marketplace_id == ctx.marketplace_id, holds_item_readable_as(ctx.caller, Direction.Outgoing))


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Shipment]:
    base = store.select(scope(ctx)).where(_mine(ctx))
    if query.parameters.get("orderID"):
        base = base.where(holds_order(query.parameters["orderID"]))
    return await store.list(ctx.connection, SPEC, query, base)


async def _find(ctx: RequestContext, shipment_id: str) -> Row[Any]:
    query = store.select(scope(ctx)).where(c.id == shipment_id, _mine(ctx))
    row: Row[Any] | None = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound("Shipment", shipment_id)
    return row


async def get(ctx: RequestContext, shipment_id: str) -> Shipment:
    return store.from_row(await _find(ctx, shipment_id))


async def list_items(ctx: RequestContext, shipment_id: str, query: ListQuery) -> ListPage[ShipmentItem]:
    await _find(ctx, shipment_id)
    base = items_of(ctx.marketplace_id, shipment_id).where(readable(ctx.caller, Direction.Outgoing))
    return await items.page_of_items(ctx, base, query)
