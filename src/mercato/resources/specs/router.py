from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.specs import assignments, options, service
from mercato.resources.specs.access import ACCESS
from mercato.resources.specs.listing import ASSIGNMENT_SPEC, OPTION_SPEC, SPEC
from mercato.resources.specs.schemas import Spec, SpecOption, SpecProductAssignment
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{specID:str}"
OPTIONS = ITEM + "/options"
OPTION = OPTIONS + "/{optionID:str}"
ASSIGNMENTS = "/productassignments"
"""A literal segment, so it wins over ITEM (the service refuses "productassignments" as a spec ID)."""


@get("", opt=ACCESS.opt("Specs.List"))
async def list_specs(ctx: Ctx, request: AnyRequest) -> ListPage[Spec]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Specs.Create"))
async def create_spec(ctx: Ctx, request: AnyRequest) -> Response[Spec]:
    item = await service.create(ctx, await read_json(request, Spec))
    return created(item, f"/v1/specs/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("Specs.ListProductAssignments"))
async def list_spec_product_assignments(ctx: Ctx, request: AnyRequest) -> ListPage[SpecProductAssignment]:
    return await assignments.list_assignments(ctx, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("Specs.SaveProductAssignment"))
async def save_spec_product_assignment(ctx: Ctx, request: AnyRequest) -> None:
    await assignments.save_assignment(ctx, await read_json(request, SpecProductAssignment))


@get(ITEM, opt=ACCESS.opt("Specs.Get"))
async def get_spec(ctx: Ctx, specID: FromPath[str]) -> Spec:
    return await service.get(ctx, specID)


@put(ITEM, opt=ACCESS.opt("Specs.Save"))
async def save_spec(ctx: Ctx, request: AnyRequest, specID: FromPath[str]) -> Spec:
    return await service.save(ctx, specID, await read_json(request, Spec))


@patch(ITEM, opt=ACCESS.opt("Specs.Patch"))
async def patch_spec(ctx: Ctx, request: AnyRequest, specID: FromPath[str]) -> Spec:
    return await service.patch(ctx, specID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Specs.Delete"))
async def delete_spec(ctx: Ctx, specID: FromPath[str]) -> None:
    await service.delete(ctx, specID)


@delete(ITEM + ASSIGNMENTS + "/{productID:str}", opt=ACCESS.opt("Specs.DeleteProductAssignment"))
async def delete_spec_product_assignment(ctx: Ctx, specID: FromPath[str], productID: FromPath[str]) -> None:
    await assignments.delete_assignment(ctx, specID, productID)


@get(OPTIONS, opt=ACCESS.opt("Specs.ListOptions"))
async def list_spec_options(ctx: Ctx, request: AnyRequest, specID: FromPath[str]) -> ListPage[SpecOption]:
    return await options.list_options(ctx, specID, list_query(request, OPTION_SPEC))


@post(OPTIONS, opt=ACCESS.opt("Specs.CreateOption"))
async def create_spec_option(ctx: Ctx, request: AnyRequest, specID: FromPath[str]) -> Response[SpecOption]:
    item = await options.create_option(ctx, specID, await read_json(request, SpecOption))
    return created(item, f"/v1/specs/{specID}/options/{item.ID}")


@get(OPTION, opt=ACCESS.opt("Specs.GetOption"))
async def get_spec_option(ctx: Ctx, specID: FromPath[str], optionID: FromPath[str]) -> SpecOption:
    return await options.get_option(ctx, specID, optionID)


@put(OPTION, opt=ACCESS.opt("Specs.SaveOption"))
async def save_spec_option(ctx: Ctx, request: AnyRequest, specID: FromPath[str], optionID: FromPath[str]) -> SpecOption:
    return await options.save_option(ctx, specID, optionID, await read_json(request, SpecOption))


@patch(OPTION, opt=ACCESS.opt("Specs.PatchOption"))
async def patch_spec_option(
    ctx: Ctx, request: AnyRequest, specID: FromPath[str], optionID: FromPath[str]
) -> SpecOption:
    return await options.patch_option(ctx, specID, optionID, await read_object(request))


@delete(OPTION, opt=ACCESS.opt("Specs.DeleteOption"))
async def delete_spec_option(ctx: Ctx, specID: FromPath[str], optionID: FromPath[str]) -> None:
    await options.delete_option(ctx, specID, optionID)


router = Router(
    "/specs",
    route_handlers=[
        list_specs,
        create_spec,
        list_spec_product_assignments,
        save_spec_product_assignment,
        get_spec,
        save_spec,
        patch_spec,
        delete_spec,
        delete_spec_product_assignment,
        list_spec_options,
        create_spec_option,
        get_spec_option,
        save_spec_option,
        patch_spec_option,
        delete_spec_option,
    ],
)
