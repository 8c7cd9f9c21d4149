from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.admin_addresses import service
from mercato.resources.admin_addresses.access import ACCESS
from mercato.resources.admin_addresses.listing import SPEC
from mercato.resources.admin_addresses.schemas import Address
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{addressID:str}"


@get("", opt=ACCESS.opt("AdminAddresses.List"))
async def list_admin_addresses(ctx: Ctx, request: AnyRequest) -> ListPage[Address]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("AdminAddresses.Create"))
async def create_admin_address(ctx: Ctx, request: AnyRequest) -> Response[Address]:
    item = await service.create(ctx, await read_json(request, Address))
    return created(item, f"/v1/addresses/{item.ID}")


@get(ITEM, opt=ACCESS.opt("AdminAddresses.Get"))
async def get_admin_address(ctx: Ctx, addressID: FromPath[str]) -> Address:
    return await service.get(ctx, addressID)


@put(ITEM, opt=ACCESS.opt("AdminAddresses.Save"))
async def save_admin_address(ctx: Ctx, request: AnyRequest, addressID: FromPath[str]) -> Address:
    return await service.save(ctx, addressID, await read_json(request, Address))


@patch(ITEM, opt=ACCESS.opt("AdminAddresses.Patch"))
async def patch_admin_address(ctx: Ctx, request: AnyRequest, addressID: FromPath[str]) -> Address:
    return await service.patch(ctx, addressID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("AdminAddresses.Delete"))
async def delete_admin_address(ctx: Ctx, addressID: FromPath[str]) -> None:
    await service.delete(ctx, addressID)


router = Router(
    "/addresses",
    route_handlers=[
        list_admin_addresses,
        create_admin_address,
        get_admin_address,
        save_admin_address,
        patch_admin_address,
        delete_admin_address,
    ],
)
