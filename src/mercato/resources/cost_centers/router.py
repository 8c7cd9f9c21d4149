"""A buyer's cost centers (``/buyers/{buyerID}/costcenters``) and their assignments."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.cost_centers import service
from mercato.resources.cost_centers.access import ACCESS
from mercato.resources.cost_centers.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.cost_centers.schemas import CostCenter, CostCenterAssignment, CostCenterAssignmentBody
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{costCenterID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as a cost center ID)."""


@get("", opt=ACCESS.opt("CostCenters.List"))
async def list_cost_centers(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[CostCenter]:
    return await service.list_(ctx, buyerID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("CostCenters.Create"))
async def create_cost_center(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[CostCenter]:
    item = await service.create(ctx, buyerID, await read_json(request, CostCenter))
    return created(item, f"/v1/buyers/{buyerID}/costcenters/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("CostCenters.ListAssignments"))
async def list_cost_center_assignments(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]
) -> ListPage[CostCenterAssignment]:
    return await service.list_assignments(ctx, buyerID, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("CostCenters.SaveAssignment"))
async def save_cost_center_assignment(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> None:
    await service.save_assignment(ctx, buyerID, await read_json(request, CostCenterAssignmentBody))


@get(ITEM, opt=ACCESS.opt("CostCenters.Get"))
async def get_cost_center(ctx: Ctx, buyerID: FromPath[str], costCenterID: FromPath[str]) -> CostCenter:
    return await service.get(ctx, buyerID, costCenterID)


@put(ITEM, opt=ACCESS.opt("CostCenters.Save"))
async def save_cost_center(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], costCenterID: FromPath[str]
) -> CostCenter:
    return await service.save(ctx, buyerID, costCenterID, await read_json(request, CostCenter))


@patch(ITEM, opt=ACCESS.opt("CostCenters.Patch"))
async def patch_cost_center(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], costCenterID: FromPath[str]
) -> CostCenter:
    return await service.patch(ctx, buyerID, costCenterID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("CostCenters.Delete"))
async def delete_cost_center(ctx: Ctx, buyerID: FromPath[str], costCenterID: FromPath[str]) -> None:
    await service.delete(ctx, buyerID, costCenterID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("CostCenters.DeleteAssignment"))
async def delete_cost_center_assignment(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], costCenterID: FromPath[str]
) -> None:
    await service.delete_assignment(ctx, buyerID, costCenterID, dict(query_pairs(request)))


router = Router(
    "/buyers/{buyerID:str}/costcenters",
    route_handlers=[
        list_cost_centers,
        create_cost_center,
        list_cost_center_assignments,
        save_cost_center_assignment,
        get_cost_center,
        save_cost_center,
        patch_cost_center,
        delete_cost_center,
        delete_cost_center_assignment,
    ],
)
