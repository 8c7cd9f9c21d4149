"""Spec product assignments (``/specs/productassignments``): which specs a product asks, with per-product
DefaultValue and DefaultOptionID overriding the spec's.

Saving is create-or-update (204); the spec (404 Spec), the product (404 Product) and DefaultOptionID, an option of
the spec (404 SpecOption), must exist; a spec that defines variants cannot go to a parent or child product.
Deleting answers 204 also when nothing was assigned, 404 only when the spec does not exist. Assigning or
unassigning a spec never adds or removes variants: that takes ``POST /products/{id}/variants/generate``.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from mercato.context import RequestContext
from mercato.db.dialect import upsert
from mercato.db.tables import products, spec_products, specs
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.specs.listing import ASSIGNMENT_SPEC
from mercato.resources.specs.schemas import SpecProductAssignment
from mercato.resources.specs.service import option_exists, parent_child_refused

a = spec_products.c


async def list_assignments(ctx: RequestContext, query: ListQuery) -> ListPage[SpecProductAssignment]:
    page = await fetch_page(
        ctx.connection, select(spec_products).where(a.marketplace_id == ctx.marketplace_id), ASSIGNMENT_SPEC, query
    )
    items = [
        SpecProductAssignment(
            SpecID=row.spec_id,
            ProductID=row.product_id,
            DefaultValue=row.default_value,
            DefaultOptionID=row.default_option_id,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def save_assignment(ctx: RequestContext, assignment: SpecProductAssignment) -> None:
    mid = ctx.marketplace_id
    spec = (
        await ctx.connection.execute(
            select(specs.c.defines_variant).where(specs.c.marketplace_id == mid, specs.c.id == assignment.SpecID)
        )
    ).first()
    if spec is None:
        raise NotFound("Spec", assignment.SpecID)
    product = (
        await ctx.connection.execute(
            select(products.c.is_parent, products.c.parent_id).where(
                products.c.marketplace_id == mid, products.c.id == assignment.ProductID
            )
        )
    ).first()
    if product is None:
        raise NotFound("Product", assignment.ProductID)
    if assignment.DefaultOptionID and not await option_exists(ctx, assignment.SpecID, assignment.DefaultOptionID):
        raise NotFound("SpecOption", assignment.DefaultOptionID)
    if spec.defines_variant and (product.is_parent or product.parent_id is not None):
        raise parent_child_refused(assignment.SpecID, assignment.ProductID)
    row = {
        "marketplace_id": mid,
        "spec_id": assignment.SpecID,
        "product_id": assignment.ProductID,
        "default_value": assignment.DefaultValue,
        "default_option_id": assignment.DefaultOptionID or None,
    }
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, spec_products, row, list(row)[:3]))


async def delete_assignment(ctx: RequestContext, spec_id: str, product_id: str) -> None:
    exists = await ctx.connection.scalar(
        select(specs.c.id).where(specs.c.marketplace_id == ctx.marketplace_id, specs.c.id == spec_id)
    )
    if exists is None:
        raise NotFound("Spec", spec_id)
    await ctx.connection.execute(
        delete(spec_products).where(
            a.marketplace_id == ctx.marketplace_id, a.spec_id == spec_id, a.product_id == product_id
        )
    )
