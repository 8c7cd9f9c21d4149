"""Catalog assignments (a catalog made available to a buyer, with ViewAllCategories / ViewAllProducts) and catalog
product assignments (a product in a catalog).

Catalog assignments are the marketplace owner's to save and delete (seller-only in access.py); a buyer user may
list its own buyer's. Product assignments follow the catalog: whoever may edit a catalog may assign products to
it and remove them. Saving either is idempotent (a catalog assignment's flags are replaced); deleting answers 204
also when there was nothing to delete, 404 only when the catalog is not there (for the caller). Removing a product
from a catalog also removes it from that catalog's categories: a product in a category is always in its catalog.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import ColumnElement, delete, false, select, true

from mercato.accounts.buyer_assignments import refuse_search
from mercato.auth.visibility import require_buyer
from mercato.catalog.catalogs import add_to_catalog, readable, require_catalog, require_product, required_buyer
from mercato.context import RequestContext, UserType
from mercato.db.dialect import upsert
from mercato.db.tables import catalog_assignments, catalog_products, category_products
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.catalogs.listing import ASSIGNMENT_SPEC, PRODUCT_ASSIGNMENT_SPEC
from mercato.resources.catalogs.schemas import CatalogAssignment, CatalogAssignmentBody, ProductCatalogAssignment

a = catalog_assignments.c
p = catalog_products.c


# --- catalog assignments ----------------------------------------------------------------------------------------


async def list_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[CatalogAssignment]:
    refuse_search(query, "Catalog assignments")
    conditions = [a.marketplace_id == ctx.marketplace_id, _own_buyer_only(ctx), *_given(query.parameters)]
    base = select(catalog_assignments).where(*conditions).order_by(a.catalog_id)  # then the tiebreak, buyer
    page = await fetch_page(ctx.connection, base, ASSIGNMENT_SPEC, query)
    items = [
        CatalogAssignment(
            CatalogID=row.catalog_id,
            BuyerID=row.buyer_id,
            ViewAllCategories=row.view_all_categories,
            ViewAllProducts=row.view_all_products,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def save_assignment(ctx: RequestContext, body: CatalogAssignmentBody) -> None:
    buyer_id = required_buyer(body.BuyerID)
    await require_catalog(ctx.connection, ctx.caller, body.CatalogID)
    await require_buyer(ctx.connection, ctx.caller, buyer_id)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "catalog_id": body.CatalogID,
        "buyer_id": buyer_id,
        "view_all_categories": bool(body.ViewAllCategories),
        "view_all_products": bool(body.ViewAllProducts),
    }
    keys = ["marketplace_id", "buyer_id", "catalog_id"]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, catalog_assignments, row, keys))


async def delete_assignment(ctx: RequestContext, catalog_id: str, parameters: Mapping[str, str]) -> None:
    buyer_id = required_buyer(parameters.get("buyerID"))
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    await ctx.connection.execute(
        delete(catalog_assignments).where(
            a.marketplace_id == ctx.marketplace_id, a.catalog_id == catalog_id, a.buyer_id == buyer_id
        )
    )


def _own_buyer_only(ctx: RequestContext) -> ColumnElement[bool]:
    """Admin users list every buyer's assignments, a buyer user its own buyer's, supplier users none."""
    caller = ctx.caller
    if caller.user_type is UserType.ADMIN:
        return true()
    if caller.user_type is UserType.BUYER:
        return a.buyer_id == caller.company_id
    return false()


def _given(parameters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    conditions = []
    if parameters.get("catalogID"):
        conditions.append(a.catalog_id == parameters["catalogID"])
    if parameters.get("buyerID"):
        conditions.append(a.buyer_id == parameters["buyerID"])
    return conditions


# --- product assignments ----------------------------------------------------------------------------------------


async def list_product_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[ProductCatalogAssignment]:
    refuse_search(query, "Catalog product assignments")
    conditions = [p.marketplace_id == ctx.marketplace_id, readable(ctx.caller, p.catalog_id)]
    if query.parameters.get("catalogID"):
        conditions.append(p.catalog_id == query.parameters["catalogID"])
    if query.parameters.get("productID"):
        conditions.append(p.product_id == query.parameters["productID"])
    base = select(catalog_products).where(*conditions).order_by(p.catalog_id)  # then the tiebreak, product
    page = await fetch_page(ctx.connection, base, PRODUCT_ASSIGNMENT_SPEC, query)
    items = [ProductCatalogAssignment(CatalogID=row.catalog_id, ProductID=row.product_id) for row in page.rows]
    return ListPage(Items=items, Meta=page.meta)


async def save_product_assignment(ctx: RequestContext, body: ProductCatalogAssignment) -> None:
    await require_catalog(ctx.connection, ctx.caller, body.CatalogID)
    await require_product(ctx.connection, ctx.marketplace_id, body.ProductID)
    await add_to_catalog(ctx.connection, ctx.marketplace_id, body.CatalogID, body.ProductID)


async def delete_product_assignment(ctx: RequestContext, catalog_id: str, product_id: str) -> None:
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    cp = category_products.c
    await ctx.connection.execute(
        delete(category_products).where(
            cp.marketplace_id == ctx.marketplace_id, cp.catalog_id == catalog_id, cp.product_id == product_id
        )
    )
    await ctx.connection.execute(
        delete(catalog_products).where(
            p.marketplace_id == ctx.marketplace_id, p.catalog_id == catalog_id, p.product_id == product_id
        )
    )
