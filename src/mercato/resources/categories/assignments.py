"""Category assignments (a category's Visible / ViewAllProducts settings for a buyer or one of its user groups) and
category product assignments (a product in a category, with a ListOrder).

* CategoryAssignment: BuyerID is required (400 ``PartyAssignment.RequiresBuyer``); a UserID is refused (400
  ``PartyAssignment.UserLevelNotAllowed``, user-level assignments being disallowed since v1.0.50), both UserID and
  UserGroupID 400 ``PartyAssignment.CannotSpecifyGroupAndUser``; then the category (404 Category), the buyer (404
  Buyer; a buyer user may only name its own) and the group (must belong to that buyer: 404 UserGroup) must exist.
  Saving an existing assignment (same category, buyer and group) replaces its two flags; null means "inherit".
* CategoryProductAssignment: the category and the product must exist (404); saving one also puts the product in
  the catalog (its CatalogProductAssignment) when it is not there yet (SEMANTICS.md §3.1), and replaces the
  ListOrder of an existing one.
* Deleting either answers 204 also when there was none, 404 when the category does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, delete, false, select

from mercato.accounts.buyer_assignments import (
    LEVELS,
    BuyerParty,
    party_of,
    refuse_search,
    require_group,
    shown,
)
from mercato.auth.visibility import require_buyer
from mercato.catalog.catalogs import add_to_catalog, require_catalog, require_product, required_buyer
from mercato.context import RequestContext, UserType
from mercato.db.dialect import upsert
from mercato.db.tables import category_assignments, category_products
from mercato.errors import BadRequest, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.categories.listing import ASSIGNMENT_SPEC, PRODUCT_ASSIGNMENT_SPEC
from mercato.resources.categories.schemas import CategoryAssignment, CategoryAssignmentBody, CategoryProductAssignment
from mercato.resources.categories.service import require_category

a = category_assignments.c
p = category_products.c


# --- category assignments ---------------------------------------------------------------------------------------


async def list_assignments(ctx: RequestContext, catalog_id: str, query: ListQuery) -> ListPage[CategoryAssignment]:
    refuse_search(query, "Category assignments")
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    conditions = [a.marketplace_id == ctx.marketplace_id, a.catalog_id == catalog_id, *_filters(query.parameters)]
    if ctx.caller.user_type is UserType.BUYER:
        conditions.append(a.buyer_id == ctx.caller.company_id)
    base = select(category_assignments).where(*conditions).order_by(a.category_id, a.buyer_id)
    page = await fetch_page(ctx.connection, base, ASSIGNMENT_SPEC, query)
    items = [
        CategoryAssignment(
            CategoryID=row.category_id,
            BuyerID=row.buyer_id,
            UserGroupID=shown(row.user_group_id),
            Visible=row.visible,
            ViewAllProducts=row.view_all_products,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def save_assignment(ctx: RequestContext, catalog_id: str, body: CategoryAssignmentBody) -> None:
    party = _group_level(party_of(body.UserID, body.UserGroupID))
    buyer_id = required_buyer(body.BuyerID)
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    await require_category(ctx, catalog_id, body.CategoryID)
    await require_buyer(ctx.connection, ctx.caller, buyer_id)
    if party.user_group_id:
        await require_group(ctx.connection, ctx.marketplace_id, buyer_id, party.user_group_id)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "catalog_id": catalog_id,
        "category_id": body.CategoryID,
        "buyer_id": buyer_id,
        "user_group_id": party.user_group_id,
        "visible": body.Visible,
        "view_all_products": body.ViewAllProducts,
    }
    keys = [column.name for column in category_assignments.primary_key.columns]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, category_assignments, row, keys))


async def delete_assignment(
    ctx: RequestContext, catalog_id: str, category_id: str, parameters: Mapping[str, str]
) -> None:
    party = _group_level(party_of(parameters.get("userID"), parameters.get("userGroupID")))
    buyer_id = required_buyer(parameters.get("buyerID"))
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    await require_category(ctx, catalog_id, category_id)
    await require_buyer(ctx.connection, ctx.caller, buyer_id)
    await ctx.connection.execute(
        delete(category_assignments).where(
            a.marketplace_id == ctx.marketplace_id,
            a.catalog_id == catalog_id,
            a.category_id == category_id,
            a.buyer_id == buyer_id,
            a.user_group_id == party.user_group_id,
        )
    )


def _group_level(party: BuyerParty) -> BuyerParty:
    if party.user_id:
        raise BadRequest(
            "PartyAssignment.UserLevelNotAllowed",
            "A category can be assigned to a buyer or one of its user groups, not to a user",
            {"UserID": party.user_id},
        )
    return party


def _filters(parameters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    """categoryID, buyerID, userGroupID (blank = not given) and level (Group | Company; User, and userID, match
    nothing, as no category is assigned to a user)."""
    conditions: list[ColumnElement[bool]] = []
    for name, column in (("categoryID", a.category_id), ("buyerID", a.buyer_id), ("userGroupID", a.user_group_id)):
        if parameters.get(name):
            conditions.append(column == parameters[name])
    if parameters.get("userID"):
        conditions.append(false())
    text = parameters.get("level")
    if text:
        level = next((value for value in LEVELS if value.lower() == text.lower()), None)
        if level is None:
            raise ValidationFailure(f"level must be one of {', '.join(LEVELS)}", "level")
        conditions.append({"User": false(), "Group": a.user_group_id != "", "Company": a.user_group_id == ""}[level])
    return conditions


# --- product assignments ----------------------------------------------------------------------------------------


async def list_product_assignments(
    ctx: RequestContext, catalog_id: str, query: ListQuery
) -> ListPage[CategoryProductAssignment]:
    refuse_search(query, "Category product assignments")
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    conditions = [p.marketplace_id == ctx.marketplace_id, p.catalog_id == catalog_id]
    if query.parameters.get("categoryID"):
        conditions.append(p.category_id == query.parameters["categoryID"])
    if query.parameters.get("productID"):
        conditions.append(p.product_id == query.parameters["productID"])
    base = select(category_products).where(*conditions).order_by(p.category_id, p.list_order.asc().nulls_first())
    page = await fetch_page(ctx.connection, base, PRODUCT_ASSIGNMENT_SPEC, query)
    items = [
        CategoryProductAssignment(CategoryID=row.category_id, ProductID=row.product_id, ListOrder=row.list_order)
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def save_product_assignment(ctx: RequestContext, catalog_id: str, body: CategoryProductAssignment) -> None:
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    await require_category(ctx, catalog_id, body.CategoryID)
    await require_product(ctx.connection, ctx.marketplace_id, body.ProductID)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "catalog_id": catalog_id,
        "category_id": body.CategoryID,
        "product_id": body.ProductID,
        "list_order": body.ListOrder,
    }
    keys = [column.name for column in category_products.primary_key.columns]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, category_products, row, keys))
    await add_to_catalog(ctx.connection, ctx.marketplace_id, catalog_id, body.ProductID)


async def delete_product_assignment(ctx: RequestContext, catalog_id: str, category_id: str, product_id: str) -> None:
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    await require_category(ctx, catalog_id, category_id)
    await ctx.connection.execute(
        delete(category_products).where(
            p.marketplace_id == ctx.marketplace_id,
            p.catalog_id == catalog_id,
            p.category_id == category_id,
            p.product_id == product_id,
        )
    )
