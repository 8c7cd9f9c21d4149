from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.orders.status import parse_direction
from mercato.resources.orders import service
from mercato.resources.orders.access import ACCESS
from mercato.resources.orders.listing import SPEC
from mercato.resources.orders.schemas import Order
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{orderID:str}"


@get("", opt=ACCESS.opt("Orders.List"))
async def list_orders(ctx: Ctx, request: AnyRequest, direction: FromPath[str]) -> ListPage[Order]:
    return await service.list_(ctx, parse_direction(direction), list_query(request, SPEC))


@post("", opt=ACCESS.opt("Orders.Create"))
async def create_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str]) -> Response[Order]:
    order = await service.create(ctx, parse_direction(direction), await read_json(request, Order))
    return created(order, f"/v1/orders/{direction}/{order.ID}")


@get(ITEM, opt=ACCESS.opt("Orders.Get"))
async def get_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.get(ctx, parse_direction(direction), orderID)


@put(ITEM, opt=ACCESS.opt("Orders.Save"))
async def save_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.save(ctx, parse_direction(direction), orderID, await read_json(request, Order))


@patch(ITEM, opt=ACCESS.opt("Orders.Patch"))
async def patch_order(ctx: Ctx, request: AnyRequest, direction: FromPath[str], orderID: FromPath[str]) -> Order:
    return await service.patch(ctx, parse_direction(direction), orderID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Orders.Delete"))
async def delete_order(ctx: Ctx, direction: FromPath[str], orderID: FromPath[str]) -> None:
    await service.delete_order(ctx, parse_direction(direction), orderID)


router = Router(
    "/orders/{direction:str}",
    route_handlers=[list_orders, create_order, get_order, save_order, patch_order, delete_order],
)
