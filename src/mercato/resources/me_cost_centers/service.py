"""The cost centers a buyer user may charge (``GET /me/costcenters``): those its buyer assigned to the whole
buyer or to one of the user's groups, each once however many assignments reach it. One SQL query, paged and
filtered by the list engine. Admin and supplier users have no buyer: their list is empty."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from mercato.accounts.buyer_assignments import assigned_to
from mercato.context import RequestContext
from mercato.db.tables import cost_center_assignments, cost_centers
from mercato.listing import ListPage, ListQuery
from mercato.resources.cost_centers.schemas import CostCenter
from mercato.resources.me_cost_centers.listing import SPEC
from mercato.store import Store

store = Store(cost_centers, CostCenter, "CostCenter", scope=("marketplace_id", "buyer_id"))

a = cost_center_assignments.c


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[CostCenter]:
    return await store.list(ctx.connection, SPEC, query, mine(ctx))


def mine(ctx: RequestContext) -> Select[Any]:
    """EXISTS, not a join: overlapping assignments add no rows. Nothing is assigned to non-buyer users."""
    base = store.select({"marketplace_id": ctx.marketplace_id, "buyer_id": ctx.caller.company_id})
    return base.where(assigned_to(ctx.caller, cost_center_assignments, a.cost_center_id == cost_centers.c.id))
