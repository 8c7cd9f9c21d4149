from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.orders.status import parse_direction
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.orders.schemas import Order
from mercato.resources.shipments import items, service
from mercato.resources.shipments.access import ACCESS, ORDER_ACCESS
from mercato.resources.shipments.items import ORDER_SPEC
from mercato.resources.shipments.listing import ITEM_SPEC, SPEC
from mercato.resources.shipments.schemas import Shipment, ShipmentItem
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{shipmentID:str}"
ITEMS = ITEM + "/items"
ONE_ITEM = ITEMS + "/{orderID:str}/{lineItemID:str}"


@get("", opt=ACCESS.opt("Shipments.List"))
async def list_shipments(ctx: Ctx, request: AnyRequest) -> ListPage[Shipment]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Shipments.Create"))
async def create_shipment(ctx: Ctx, request: AnyRequest) -> Response[Shipment]:
    shipment = await service.create(ctx, await read_json(request, Shipment))
    return created(shipment, f"/v1/shipments/{shipment.ID}")


@get(ITEM, opt=ACCESS.opt("Shipments.Get"))
async def get_shipment(ctx: Ctx, shipmentID: FromPath[str]) -> Shipment:
    return await service.get(ctx, shipmentID)


@put(ITEM, opt=ACCESS.opt("Shipments.Save"))
async def save_shipment(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> Shipment:
    return await service.save(ctx, shipmentID, await read_json(request, Shipment))


@patch(ITEM, opt=ACCESS.opt("Shipments.Patch"))
async def patch_shipment(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> Shipment:
    return await service.patch(ctx, shipmentID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Shipments.Delete"))
async def delete_shipment(ctx: Ctx, shipmentID: FromPath[str]) -> None:
    await service.delete(ctx, shipmentID)


@put(ITEM + "/shipfrom", opt=ACCESS.opt("Shipments.SetShipFromAddress"))
async def set_ship_from_address(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> Shipment:
    return await service.set_address(ctx, shipmentID, await read_json(request, Address), "from")


@put(ITEM + "/shipto", opt=ACCESS.opt("Shipments.SetShipToAddress"))
async def set_ship_to_address(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> Shipment:
    return await service.set_address(ctx, shipmentID, await read_json(request, Address), "to")


@get(ITEMS, opt=ACCESS.opt("Shipments.ListItems"))
async def list_shipment_items(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> ListPage[ShipmentItem]:
    return await items.list_items(ctx, shipmentID, list_query(request, ITEM_SPEC))


@post(ITEMS, status_code=200, opt=ACCESS.opt("Shipments.SaveItem"))
async def save_shipment_item(ctx: Ctx, request: AnyRequest, shipmentID: FromPath[str]) -> ShipmentItem:
    return await items.save_item(ctx, shipmentID, await read_json(request, ShipmentItem))


@get(ONE_ITEM, opt=ACCESS.opt("Shipments.GetItem"))
async def get_shipment_item(
    ctx: Ctx, shipmentID: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> ShipmentItem:
    return await items.get_item(ctx, shipmentID, orderID, lineItemID)


@delete(ONE_ITEM, opt=ACCESS.opt("Shipments.DeleteItem"))
async def delete_shipment_item(
    ctx: Ctx, shipmentID: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> None:
    await items.delete_item(ctx, shipmentID, orderID, lineItemID)


router = Router(
    "/shipments",
    route_handlers=[
        list_shipments,
        create_shipment,
        get_shipment,
        save_shipment,
        patch_shipment,
        delete_shipment,
        set_ship_from_address,
        set_ship_to_address,
        list_shipment_items,
        save_shipment_item,
        get_shipment_item,
        delete_shipment_item,
    ],
)


# --- the order-side routes ----------------------------------------------------------------------------------------


@post("/ship", opt=ORDER_ACCESS.opt("Orders.Ship"))
async def ship_order(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Response[Order]:
    """201 with the order; Location names the shipment created."""
    order, shipment_id = await items.ship(ctx, parse_direction(direction), orderID, await read_json(request, Shipment))
    return created(order, f"/v1/shipments/{shipment_id}")


@get("/shipments", opt=ORDER_ACCESS.opt("Orders.ListShipments"))
async def list_order_shipments(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> ListPage[Shipment]:
    return await items.list_for_order(ctx, parse_direction(direction), orderID, list_query(request, ORDER_SPEC))


order_router = Router("/orders/{direction:str}/{orderID:str}", route_handlers=[ship_order, list_order_shipments])
