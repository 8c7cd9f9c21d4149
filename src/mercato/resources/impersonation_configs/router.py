from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.impersonation_configs import service
from mercato.resources.impersonation_configs.access import ACCESS
from mercato.resources.impersonation_configs.listing import SPEC
from mercato.resources.impersonation_configs.schemas import ImpersonationConfig
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{impersonationConfigID:str}"


@get("", opt=ACCESS.opt("ImpersonationConfigs.List"))
async def list_configs(ctx: Ctx, request: AnyRequest) -> ListPage[ImpersonationConfig]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("ImpersonationConfigs.Create"))
async def create_config(ctx: Ctx, request: AnyRequest) -> Response[ImpersonationConfig]:
    config = await service.create(ctx, await read_json(request, ImpersonationConfig))
    return created(config, f"/v1/impersonationconfig/{config.ID}")


@get(ITEM, opt=ACCESS.opt("ImpersonationConfigs.Get"))
async def get_config(ctx: Ctx, impersonationConfigID: FromPath[str]) -> ImpersonationConfig:
    return await service.get(ctx, impersonationConfigID)


@put(ITEM, opt=ACCESS.opt("ImpersonationConfigs.Save"))
async def save_config(ctx: Ctx, request: AnyRequest, impersonationConfigID: FromPath[str]) -> ImpersonationConfig:
    return await service.save(ctx, impersonationConfigID, await read_json(request, ImpersonationConfig))


@patch(ITEM, opt=ACCESS.opt("ImpersonationConfigs.Patch"))
async def patch_config(ctx: Ctx, request: AnyRequest, impersonationConfigID: FromPath[str]) -> ImpersonationConfig:
    return await service.patch(ctx, impersonationConfigID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("ImpersonationConfigs.Delete"))
async def delete_config(ctx: Ctx, impersonationConfigID: FromPath[str]) -> None:
    await service.delete(ctx, impersonationConfigID)


router = Router(
    "/impersonationconfig",
    route_handlers=[list_configs, create_config, get_config, save_config, patch_config, delete_config],
)
