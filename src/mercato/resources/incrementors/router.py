from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.incrementors import service
from mercato.resources.incrementors.access import ACCESS
from mercato.resources.incrementors.listing import SPEC
from mercato.resources.incrementors.schemas import Incrementor
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{incrementorID:str}"


@get("", opt=ACCESS.opt("Incrementors.List"))
async def list_incrementors(ctx: Ctx, request: AnyRequest) -> ListPage[Incrementor]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Incrementors.Create"))
async def create_incrementor(ctx: Ctx, request: AnyRequest) -> Response[Incrementor]:
    item = await service.create(ctx, await read_json(request, Incrementor))
    return created(item, f"/v1/incrementors/{item.ID}")


@get(ITEM, opt=ACCESS.opt("Incrementors.Get"))
async def get_incrementor(ctx: Ctx, incrementorID: FromPath[str]) -> Incrementor:
    return await service.get(ctx, incrementorID)


@put(ITEM, opt=ACCESS.opt("Incrementors.Save"))
async def save_incrementor(ctx: Ctx, request: AnyRequest, incrementorID: FromPath[str]) -> Incrementor:
    return await service.save(ctx, incrementorID, await read_json(request, Incrementor))


@patch(ITEM, opt=ACCESS.opt("Incrementors.Patch"))
async def patch_incrementor(ctx: Ctx, request: AnyRequest, incrementorID: FromPath[str]) -> Incrementor:
    return await service.patch(ctx, incrementorID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Incrementors.Delete"))
async def delete_incrementor(ctx: Ctx, incrementorID: FromPath[str]) -> None:
    await service.delete(ctx, incrementorID)


router = Router(
    "/incrementors",
    route_handlers=[
        list_incrementors,
        create_incrementor,
        get_incrementor,
        save_incrementor,
        patch_incrementor,
        delete_incrementor,
    ],
)
