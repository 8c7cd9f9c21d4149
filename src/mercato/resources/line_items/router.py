from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.orders.status import parse_direction
from mercato.resources.admin_addresses.schemas import Address
from mercato.resources.line_items import service
from mercato.resources.line_items.access import ACCESS
from mercato.resources.line_items.listing import ACROSS_SPEC, SPEC
from mercato.resources.line_items.schemas import ExtendedLineItem, LineItem
from mercato.resources.orders import addresses
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{lineItemID:str}"


@get("", opt=ACCESS.opt("LineItems.List"))
async def list_line_items(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> ListPage[LineItem]:
    return await service.list_(ctx, parse_direction(direction), orderID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("LineItems.Create"))
async def create_line_item(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]
) -> Response[LineItem]:
    line = await service.create(ctx, parse_direction(direction), orderID, await read_json(request, LineItem))
    return created(line, f"/v1/orders/{direction}/{orderID}/lineitems/{line.ID}")


@get(ITEM, opt=ACCESS.opt("LineItems.Get"))
async def get_line_item(
    ctx: Ctx, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> LineItem:
    return await service.get(ctx, parse_direction(direction), orderID, lineItemID)


@put(ITEM, opt=ACCESS.opt("LineItems.Save"))
async def save_line_item(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> LineItem:
    body = await read_json(request, LineItem)
    return await service.save(ctx, parse_direction(direction), orderID, lineItemID, body)


@patch(ITEM, opt=ACCESS.opt("LineItems.Patch"))
async def patch_line_item(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> LineItem:
    return await service.patch(ctx, parse_direction(direction), orderID, lineItemID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("LineItems.Delete"))
async def delete_line_item(
    ctx: Ctx, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> None:
    await service.delete_line(ctx, parse_direction(direction), orderID, lineItemID)


@put(ITEM + "/shipto", opt=ACCESS.opt("LineItems.SetShippingAddress"))
async def set_line_item_shipping_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> LineItem:
    body = await read_json(request, Address)
    return await addresses.set_line_shipping(ctx, parse_direction(direction), orderID, lineItemID, body)


@patch(ITEM + "/shipto", opt=ACCESS.opt("LineItems.PatchShippingAddress"))
async def patch_line_item_shipping_address(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str], lineItemID: FromPath[str]
) -> LineItem:
    changes = await read_object(request)
    return await addresses.patch_line_shipping(ctx, parse_direction(direction), orderID, lineItemID, changes)


@get("", opt=ACCESS.opt("LineItems.ListAcrossOrders"))
async def list_line_items_across_orders(
    ctx: Ctx, request: AnyRequest, direction: FromPath[str]
) -> ListPage[ExtendedLineItem]:
    return await service.list_across(ctx, parse_direction(direction), list_query(request, ACROSS_SPEC))


across_router = Router("/lineitems/{direction:str}", route_handlers=[list_line_items_across_orders])

router = Router(
    "/orders/{direction:str}/{orderID:str}/lineitems",
    route_handlers=[
        list_line_items,
        create_line_item,
        get_line_item,
        save_line_item,
        patch_line_item,
        delete_line_item,
        set_line_item_shipping_address,
        patch_line_item_shipping_address,
    ],
)
