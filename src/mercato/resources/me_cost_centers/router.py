"""The caller's cost centers (``GET /me/costcenters``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get

from mercato.listing import ListPage
from mercato.resources.cost_centers.schemas import CostCenter
from mercato.resources.me_cost_centers import service
from mercato.resources.me_cost_centers.access import ACCESS
from mercato.resources.me_cost_centers.listing import SPEC
from mercato.web.guard import Ctx
from mercato.web.query import list_query

AnyRequest = Request[Any, Any, Any]


@get("", opt=ACCESS.opt("Me.ListCostCenters"))
async def list_my_cost_centers(ctx: Ctx, request: AnyRequest) -> ListPage[CostCenter]:
    return await service.list_(ctx, list_query(request, SPEC))


router = Router("/me/costcenters", route_handlers=[list_my_cost_centers])
