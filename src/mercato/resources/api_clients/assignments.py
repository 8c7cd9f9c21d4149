"""Which buyers' and suppliers' users may sign in through a client (ApiClients.*Assignment*). "" marks the unset
party in the table; the API shows null. Choices: docs/decisions/0008-api-clients.md."""

from __future__ import annotations

from sqlalchemy import delete, select

from mercato.context import RequestContext
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import api_client_assignments
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.ids import check_id
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.api_clients.listing import ASSIGNMENT_SPEC
from mercato.resources.api_clients.schemas import ApiClientAssignment
from mercato.resources.api_clients.service import require_client


async def list_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[ApiClientAssignment]:
    a = api_client_assignments.c
    base = select(api_client_assignments).where(a.marketplace_id == ctx.marketplace_id)
    for parameter, column in (("apiClientID", a.api_client_id), ("buyerID", a.buyer_id), ("supplierID", a.supplier_id)):
        value = query.parameters.get(parameter)
        if value:
            base = base.where(column == value)
    page = await fetch_page(ctx.connection, base, ASSIGNMENT_SPEC, query)
    items = [
        ApiClientAssignment(
            ApiClientID=row.api_client_id, BuyerID=row.buyer_id or None, SupplierID=row.supplier_id or None
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def save_assignment(ctx: RequestContext, assignment: ApiClientAssignment) -> None:
    """Idempotent: saving an existing assignment changes nothing."""
    buyer_id = check_id(assignment.BuyerID, "BuyerID") if assignment.BuyerID else ""
    supplier_id = check_id(assignment.SupplierID, "SupplierID") if assignment.SupplierID else ""
    if buyer_id and supplier_id:
        raise BadRequest(
            "PartyAssignment.CannotProvideBuyerAndSupplier",
            "An API client assignment names a buyer or a supplier, not both",
            {"BuyerID": buyer_id, "SupplierID": supplier_id},
        )
    if not buyer_id and not supplier_id:
        raise ValidationFailure("An API client assignment needs a BuyerID or a SupplierID", "BuyerID")
    await require_client(ctx, assignment.ApiClientID)
    # Seam: 404 for an unknown Buyer or Supplier once those resources exist.
    row = {
        "marketplace_id": ctx.marketplace_id,
        "api_client_id": assignment.ApiClientID,
        "buyer_id": buyer_id,
        "supplier_id": supplier_id,
    }
    await ctx.connection.execute(insert_if_absent(ctx.connection.dialect.name, api_client_assignments, row, list(row)))


async def delete_buyer_assignment(ctx: RequestContext, buyer_id: str, client_id: str) -> None:
    await _delete_assignment(ctx, client_id, buyer_id=buyer_id, supplier_id="")


async def delete_supplier_assignment(ctx: RequestContext, supplier_id: str, client_id: str) -> None:
    await _delete_assignment(ctx, client_id, buyer_id="", supplier_id=supplier_id)


async def _delete_assignment(ctx: RequestContext, client_id: str, *, buyer_id: str, supplier_id: str) -> None:
    await require_client(ctx, client_id)
    a = api_client_assignments.c
    result = await ctx.connection.execute(
        delete(api_client_assignments).where(
            a.marketplace_id == ctx.marketplace_id,
            a.api_client_id == client_id,
            a.buyer_id == buyer_id,
            a.supplier_id == supplier_id,
        )
    )
    if result.rowcount == 0:
        raise NotFound("ApiClientAssignment", client_id)
