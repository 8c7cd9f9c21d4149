"""The caller's address book (``/me/addresses``): assigned addresses to read, private ones to keep."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.me_addresses import service
from mercato.resources.me_addresses.access import ACCESS
from mercato.resources.me_addresses.listing import SPEC
from mercato.resources.me_addresses.schemas import BuyerAddress
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{addressID:str}"


@get("", opt=ACCESS.opt("Me.ListAddresses"))
async def list_my_addresses(ctx: Ctx, request: AnyRequest) -> ListPage[BuyerAddress]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Me.CreateAddress"))
async def create_my_address(ctx: Ctx, request: AnyRequest) -> Response[BuyerAddress]:
    item = await service.create(ctx, await read_json(request, BuyerAddress))
    return created(item, f"/v1/me/addresses/{item.ID}")


@get(ITEM, opt=ACCESS.opt("Me.GetAddress"))
async def get_my_address(ctx: Ctx, addressID: FromPath[str]) -> BuyerAddress:
    return await service.get(ctx, addressID)


@put(ITEM, opt=ACCESS.opt("Me.SaveAddress"))
async def save_my_address(ctx: Ctx, request: AnyRequest, addressID: FromPath[str]) -> BuyerAddress:
    return await service.save(ctx, addressID, await read_json(request, BuyerAddress))


@patch(ITEM, status_code=204, opt=ACCESS.opt("Me.PatchAddress"))
async def patch_my_address(ctx: Ctx, request: AnyRequest, addressID: FromPath[str]) -> None:
    await service.patch(ctx, addressID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Me.DeleteAddress"))
async def delete_my_address(ctx: Ctx, addressID: FromPath[str]) -> None:
    await service.delete(ctx, addressID)


router = Router(
    "/me/addresses",
    route_handlers=[
        list_my_addresses,
        create_my_address,
        get_my_address,
        save_my_address,
        patch_my_address,
        delete_my_address,
    ],
)
