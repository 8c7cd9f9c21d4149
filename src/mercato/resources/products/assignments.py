"""Product assignments (``/products/assignments``): a product made visible to a buyer or one of its user groups,
optionally with the price schedule that party pays (SEMANTICS.md §3.1, §3.2).

* Levels are the buyer (no group) or a group of it; a UserID is 400 ``PartyAssignment.UserLevelNotAllowed``, a
  group with a user ``PartyAssignment.CannotSpecifyGroupAndUser``.
* The product (404 Product), the buyer (404 Buyer), the group within that buyer (404 UserGroup) and the price
  schedule (404 PriceSchedule) must exist, and the product must be in a catalog assigned to the buyer (400
  ``Product.CannotAssignNotInBuyerCatalog``). Saving again updates the PriceScheduleID (204 either way).
* SellerID: only the marketplace itself until suppliers exist (another is 404 Supplier); shown as null.
* DeleteAssignment removes the assignment to exactly the party named (none: the buyer-level one), 204 also when
  there was none, 404 when the product does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, false, select

from mercato.accounts.buyer_assignments import BuyerParty, party_of, refuse_search, require_group, shown
from mercato.auth.visibility import require_buyer
from mercato.context import RequestContext
from mercato.db.dialect import upsert
from mercato.db.tables import catalog_assignments, catalog_products, product_assignments
from mercato.errors import BadRequest, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.products.checks import require_price_schedule
from mercato.resources.products.listing import ASSIGNMENT_SPEC
from mercato.resources.products.schemas import ProductAssignment, ProductAssignmentBody
from mercato.resources.products.service import require

t = product_assignments
a = product_assignments.c
LEVELS = ("User", "Group", "Company")


async def save_assignment(ctx: RequestContext, body: ProductAssignmentBody) -> None:
    party = _group_level(party_of(body.UserID, body.UserGroupID))
    _check_seller(ctx, body.SellerID)
    await require(ctx, body.ProductID)
    await require_buyer(ctx.connection, ctx.caller, body.BuyerID)
    if party.user_group_id:
        await require_group(ctx.connection, ctx.marketplace_id, body.BuyerID, party.user_group_id)
    if body.PriceScheduleID:
        await require_price_schedule(ctx, body.PriceScheduleID)
    if not await _in_buyer_catalog(ctx, body.ProductID, body.BuyerID):
        raise BadRequest(
            "Product.CannotAssignNotInBuyerCatalog",
            f"Product {body.ProductID} is in no catalog assigned to buyer {body.BuyerID}",
            {"ProductID": body.ProductID, "BuyerID": body.BuyerID},
        )
    row = {
        "marketplace_id": ctx.marketplace_id,
        "buyer_id": body.BuyerID,
        "product_id": body.ProductID,
        "user_group_id": party.user_group_id,
        "price_schedule_id": body.PriceScheduleID or None,
    }
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(ctx: RequestContext, product_id: str, buyer_id: str, parameters: Mapping[str, str]) -> None:
    party = _group_level(party_of(parameters.get("userID"), parameters.get("userGroupID")))
    _check_seller(ctx, parameters.get("sellerID"))
    await require(ctx, product_id)
    await ctx.connection.execute(
        delete(t).where(
            a.marketplace_id == ctx.marketplace_id,
            a.buyer_id == buyer_id,
            a.product_id == product_id,
            a.user_group_id == party.user_group_id,
        )
    )


async def list_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[ProductAssignment]:
    refuse_search(query, "Product assignments")
    parameters = query.parameters
    conditions: list[ColumnElement[bool]] = [a.marketplace_id == ctx.marketplace_id, *_level(parameters.get("level"))]
    for name, column in (
        ("productID", a.product_id),
        ("priceScheduleID", a.price_schedule_id),
        ("buyerID", a.buyer_id),
        ("userGroupID", a.user_group_id),
    ):
        if parameters.get(name):
            conditions.append(column == parameters[name])
    base = select(t).where(*conditions).order_by(a.product_id, a.buyer_id)  # then the spec's tiebreak, the group
    page = await fetch_page(ctx.connection, base, ASSIGNMENT_SPEC, query)
    items = [
        ProductAssignment(
            SellerID=None,
            ProductID=row.product_id,
            BuyerID=row.buyer_id,
            UserGroupID=shown(row.user_group_id),
            PriceScheduleID=row.price_schedule_id,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


def _level(text: str | None) -> list[ColumnElement[bool]]:
    if not text:
        return []
    level = next((value for value in LEVELS if value.lower() == text.lower()), None)
    if level is None:
        raise ValidationFailure(f"level must be one of {', '.join(LEVELS)}", "level")
    return [{"User": false(), "Group": a.user_group_id != "", "Company": a.user_group_id == ""}[level]]


def _group_level(party: BuyerParty) -> BuyerParty:
    if party.user_id:
        raise BadRequest(
            "PartyAssignment.UserLevelNotAllowed",
            "A product can be assigned to a buyer or one of its user groups, not to a user",
            {"UserID": party.user_id},
        )
    return party


def _check_seller(ctx: RequestContext, seller_id: Any) -> None:
    if seller_id and seller_id != ctx.marketplace_id:
        raise NotFound("Supplier", str(seller_id))


async def _in_buyer_catalog(ctx: RequestContext, product_id: str, buyer_id: str) -> bool:
    cp, ca = catalog_products.c, catalog_assignments.c
    shared = exists().where(
        cp.marketplace_id == ctx.marketplace_id,
        cp.product_id == product_id,
        ca.marketplace_id == cp.marketplace_id,
        ca.catalog_id == cp.catalog_id,
        ca.buyer_id == buyer_id,
    )
    return bool(await ctx.connection.scalar(select(shared)))
