"""A buyer's cost centers (``/buyers/{buyerID}/costcenters``) and their assignments to the buyer or its groups.

Cost centers cannot be assigned to single users (400 PartyAssignment.UserLevelNotAllowed), so every assignment
row has user_id "". Deleting a cost center removes its assignments and renaming it carries them along
(ON DELETE/UPDATE CASCADE); deleting or renaming the buyer does the same for its cost centers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy import delete as delete_from

from mercato.accounts.buyer_assignments import BuyerParty, party_filters, party_of, refuse_search, require_party, shown
from mercato.context import RequestContext
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import cost_center_assignments, cost_centers
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.cost_centers.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.cost_centers.schemas import CostCenter, CostCenterAssignment, CostCenterAssignmentBody
from mercato.store import Scope, Store

OBJECT = "CostCenter"
ASSIGNMENTS_SEGMENT = "assignments"
"""The literal route segment beside /costcenters/{ID}: a cost center with this ID could not be addressed."""

store = Store(cost_centers, CostCenter, OBJECT, scope=("marketplace_id", "buyer_id"))

t = cost_center_assignments
a = cost_center_assignments.c


def _scope(ctx: RequestContext, buyer_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "buyer_id": buyer_id}


# --- cost centers -----------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[CostCenter]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx, buyer_id)))


async def get(ctx: RequestContext, buyer_id: str, cost_center_id: str) -> CostCenter:
    return await store.get(ctx.connection, _scope(ctx, buyer_id), cost_center_id)


async def create(ctx: RequestContext, buyer_id: str, cost_center: CostCenter) -> CostCenter:
    check_id(cost_center.ID)
    return await store.create(ctx.connection, _scope(ctx, buyer_id), cost_center)


async def save(ctx: RequestContext, buyer_id: str, cost_center_id: str, cost_center: CostCenter) -> CostCenter:
    check_id(cost_center.ID)
    return (await store.save(ctx.connection, _scope(ctx, buyer_id), cost_center_id, cost_center)).item


async def patch(ctx: RequestContext, buyer_id: str, cost_center_id: str, changes: dict[str, Any]) -> CostCenter:
    check_id(changes.get("ID"))
    return await store.patch(ctx.connection, _scope(ctx, buyer_id), cost_center_id, changes)


async def delete(ctx: RequestContext, buyer_id: str, cost_center_id: str) -> None:
    """Its assignments go with it (ON DELETE CASCADE)."""
    await store.delete(ctx.connection, _scope(ctx, buyer_id), cost_center_id)


def check_id(cost_center_id: Any) -> None:
    if isinstance(cost_center_id, str) and cost_center_id.lower() == ASSIGNMENTS_SEGMENT:
        raise ValidationFailure(
            f"{cost_center_id!r} is reserved: .../costcenters/{cost_center_id} lists assignments", "ID"
        )


# --- assignments ------------------------------------------------------------------------------------------------


async def save_assignment(ctx: RequestContext, buyer_id: str, assignment: CostCenterAssignmentBody) -> None:
    """Idempotent: saving an existing assignment changes nothing and still answers 204."""
    party = _group_level(party_of(assignment.UserID, assignment.UserGroupID))
    await _require_cost_center(ctx, buyer_id, assignment.CostCenterID)
    await require_party(ctx.connection, ctx.marketplace_id, buyer_id, party)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "buyer_id": buyer_id,
        "cost_center_id": assignment.CostCenterID,
        **party.columns(),
    }
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(insert_if_absent(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(
    ctx: RequestContext, buyer_id: str, cost_center_id: str, parameters: Mapping[str, str]
) -> None:
    """Removes the assignment to this group (none named: the buyer-level one); 204 also when there was none,
    404 when the cost center does not exist. A userID can name no assignment: 400 UserLevelNotAllowed."""
    party = _group_level(party_of(parameters.get("userID"), parameters.get("userGroupID")))
    await _require_cost_center(ctx, buyer_id, cost_center_id)
    await ctx.connection.execute(
        delete_from(t).where(
            a.marketplace_id == ctx.marketplace_id,
            a.buyer_id == buyer_id,
            a.cost_center_id == cost_center_id,
            *party.matches(t),
        )
    )


async def list_assignments(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[CostCenterAssignment]:
    refuse_search(query, "Cost center assignments")
    page = await fetch_page(ctx.connection, _assignments(ctx, buyer_id, query.parameters), ASSIGNMENT_SPEC, query)
    items = [
        CostCenterAssignment(CostCenterID=row.cost_center_id, UserGroupID=shown(row.user_group_id)) for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


def _assignments(ctx: RequestContext, buyer_id: str, parameters: Mapping[str, str]) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = [
        a.marketplace_id == ctx.marketplace_id,
        a.buyer_id == buyer_id,
        *party_filters(t, parameters),
    ]
    if parameters.get("costCenterID"):
        conditions.append(a.cost_center_id == parameters["costCenterID"])
    return select(t).where(*conditions).order_by(a.cost_center_id)  # then the spec's tiebreak, the group


def _group_level(party: BuyerParty) -> BuyerParty:
    if party.user_id:
        raise BadRequest(
            "PartyAssignment.UserLevelNotAllowed",
            "A cost center can be assigned to a buyer or one of its user groups, not to a user",
            {"UserID": party.user_id},
        )
    return party


async def _require_cost_center(ctx: RequestContext, buyer_id: str, cost_center_id: str) -> None:
    if not await store.exists(ctx.connection, _scope(ctx, buyer_id), cost_center_id):
        raise NotFound(OBJECT, cost_center_id)
