"""``/me/shipments``: what has shipped of the caller's orders."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.me_shipments import service
from mercato.resources.shipments.access import ME_ACCESS
from mercato.resources.shipments.listing import ITEM_SPEC, SPEC
from mercato.resources.shipments.schemas import Shipment, ShipmentItem
from mercato.web.guard import Ctx
from mercato.web.query import list_query

AnyRequest = Request[Any, Any, Any]


@get("", opt=ME_ACCESS.opt("Me.ListShipments"))
async def list_my_shipments(ctx: Ctx, request: AnyRequest) -> ListPage[Shipment]:
    return await service.list_(ctx, list_query(request, SPEC))


@get("/{shipmentID:str}", opt=ME_ACCESS.opt("Me.GetShipment"))
async def get_my_shipment(ctx: Ctx, shipmentID: FromPath[str]) -> Shipment:
    return await service.get(ctx, shipmentID)


@get("/{shipmentID:str}/items", opt=ME_ACCESS.opt("Me.ListShipmentItems"))
async def list_my_shipment_items(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> ListPage[ShipmentItem]:
    return await service.list_items(ctx, shipmentID, list_query(request, ITEM_SPEC))


router = Router("/me/shipments", route_handlers=[list_my_shipments, get_my_shipment, list_my_shipment_items])
