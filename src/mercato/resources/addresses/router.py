"""A buyer's addresses (``/buyers/{buyerID}/addresses``) and their assignments."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.addresses import service
from mercato.resources.addresses.access import ACCESS
from mercato.resources.addresses.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.addresses.schemas import Address, AddressAssignment
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{addressID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as an address ID)."""


@get("", opt=ACCESS.opt("Addresses.List"))
async def list_addresses(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[Address]:
    return await service.list_(ctx, buyerID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Addresses.Create"))
async def create_address(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[Address]:
    item = await service.create(ctx, buyerID, await read_json(request, Address))
    return created(item, f"/v1/buyers/{buyerID}/addresses/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("Addresses.ListAssignments"))
async def list_address_assignments(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]
) -> ListPage[AddressAssignment]:
    return await service.list_assignments(ctx, buyerID, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Addresses.SaveAssignment"))
async def save_address_assignment(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> None:
    await service.save_assignment(ctx, buyerID, await read_json(request, AddressAssignment))


@get(ITEM, opt=ACCESS.opt("Addresses.Get"))
async def get_address(ctx: Ctx, buyerID: FromPath[str], addressID: FromPath[str]) -> Address:
    return await service.get(ctx, buyerID, addressID)


@put(ITEM, opt=ACCESS.opt("Addresses.Save"))
async def save_address(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], addressID: FromPath[str]) -> Address:
    return await service.save(ctx, buyerID, addressID, await read_json(request, Address))


@patch(ITEM, opt=ACCESS.opt("Addresses.Patch"))
async def patch_address(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], addressID: FromPath[str]) -> Address:
    return await service.patch(ctx, buyerID, addressID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Addresses.Delete"))
async def delete_address(ctx: Ctx, buyerID: FromPath[str], addressID: FromPath[str]) -> None:
    await service.delete(ctx, buyerID, addressID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("Addresses.DeleteAssignment"))
async def delete_address_assignment(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], addressID: FromPath[str]
) -> None:
    await service.delete_assignment(ctx, buyerID, addressID, dict(query_pairs(request)))


router = Router(
    "/buyers/{buyerID:str}/addresses",
    route_handlers=[
        list_addresses,
        create_address,
        list_address_assignments,
        save_address_assignment,
        get_address,
        save_address,
        patch_address,
        delete_address,
        delete_address_assignment,
    ],
)
