"""Products (``/products``): the admin view of every product of the marketplace, whatever its catalogs, Active
or assignments (SEMANTICS.md §3.1); the buyer view is /me/products.

Inventory is stored flat (``inventory_*`` columns) so stock moves by atomic UPDATEs; its LastUpdated is the
server's, set when QuantityAvailable changes. SpecCount and VariantCount are counted on read. The write rules
live in ``checks.py``, variants in ``variants.py`` and ``generation.py``, assignments in ``assignments.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog.facets import ListPageWithFacets, product_facets, with_facets
from mercato.catalog.writes import final_id
from mercato.context import RequestContext
from mercato.db.tables import (
    catalog_products,
    catalogs,
    categories,
    category_products,
    products,
    spec_products,
    variants,
)
from mercato.errors import BadRequest, NotFound
from mercato.listing import ListPage, ListQuery, fetch_page, where_clauses
from mercato.resources.products import checks
from mercato.resources.products.listing import SPEC, SPEC_COUNT, VARIANT_COUNT
from mercato.resources.products.schemas import PRODUCT_COMPUTED, PRODUCT_READ_ONLY, Inventory, Product
from mercato.resources.specs.listing import SPEC as SPECS_SPEC
from mercato.resources.specs.schemas import Spec
from mercato.resources.specs.service import store as spec_store
from mercato.resources.specs.service import with_options
from mercato.store import Scope, Store

p = products.c
DIMENSIONS = ("ShipWeight", "ShipHeight", "ShipWidth", "ShipLength")


class ProductStore(Store[Product]):
    """Dimensions are NUMERIC in the database and JSON numbers on the wire; SpecCount and VariantCount come from
    the ``spec_count``/``variant_count`` columns of ``product_rows`` (0 where a statement does not select them)."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> Product:
        product = super().from_row(row)
        mapping = row._mapping if isinstance(row, Row) else row
        product.SpecCount = int(mapping.get("spec_count") or 0)
        product.VariantCount = int(mapping.get("variant_count") or 0)
        for name in DIMENSIONS:
            value = getattr(product, name)
            if value is not None:
                setattr(product, name, float(value) + 0.0)
        return product


store = ProductStore(
    products,
    Product,
    "Product",
    read_only=PRODUCT_READ_ONLY,
    computed=PRODUCT_COMPUTED,
    flatten={"Inventory": (Inventory, "inventory_")},
)


def scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


def product_rows(*conditions: ColumnElement[bool]) -> Select[Any]:
    """Products with their SpecCount and VariantCount, for ``store.from_row``: for reading a few rows. A list
    selects ``products`` alone and counts for its page only (``counted``), since the databases evaluate select-list
    subqueries for every matching row before sorting and limiting."""
    return select(products, SPEC_COUNT.label("spec_count"), VARIANT_COUNT.label("variant_count")).where(*conditions)


def _counts() -> Select[Any]:
    a, v = spec_products.c, variants.c
    marketplace_id = bindparam("counted_marketplace_id", type_=String())
    ids: Any = bindparam("counted_ids", expanding=True)
    rows = union_all(
        select(a.product_id, literal_column("'spec'").label("kind")).where(
            a.marketplace_id == marketplace_id, a.product_id.in_(ids)
        ),
        select(v.product_id, literal_column("'variant'")).where(
            v.marketplace_id == marketplace_id, v.product_id.in_(ids)
        ),
    ).subquery("counted")
    return select(rows.c.product_id, rows.c.kind, func.count()).group_by(rows.c.product_id, rows.c.kind)


_COUNTS = _counts()
"""Spec and variant counts of the products bound as ``counted_ids``: built once, as building it cost more than
running it."""


async def counted(connection: AsyncConnection, marketplace_id: str, items: Sequence[Product]) -> list[Product]:
    """The products with SpecCount and VariantCount filled (one query for a whole page)."""
    ids = [item.ID for item in items if item.ID]
    if not ids:
        return list(items)
    found = await connection.execute(_COUNTS, {"counted_marketplace_id": marketplace_id, "counted_ids": ids})
    counts = {(row[0], row[1]): int(row[2]) for row in found}
    return [
        msgspec.structs.replace(
            item,
            SpecCount=counts.get((item.ID, "spec"), 0),
            VariantCount=counts.get((item.ID, "variant"), 0),
        )
        for item in items
    ]


async def list_(ctx: RequestContext, query: ListQuery) -> ListPageWithFacets[Product]:
    """``catalogID`` narrows to a catalog's products, ``categoryID`` (with catalogID) to those assigned directly
    to that category; ``supplierID`` names no supplier yet (404). Meta.Facets counts the filtered list."""
    conditions = [p.marketplace_id == ctx.marketplace_id, *await _parameters(ctx, query.parameters)]
    # Facets first: their query also counts the list, which spares the page its count query.
    faceted = await product_facets(
        ctx.connection,
        ctx.marketplace_id,
        select(p.id, p.xp).where(*conditions, *where_clauses(SPEC, query)),
        universe=select(p.id, p.xp).where(*conditions),
    )
    page = await fetch_page(ctx.connection, select(products).where(*conditions), SPEC, query, total=faceted.total)
    found = await counted(ctx.connection, ctx.marketplace_id, [store.from_row(row) for row in page.rows])
    return with_facets(ListPage(Items=found, Meta=page.meta), faceted.facets)


async def _parameters(ctx: RequestContext, parameters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    mid, connection = ctx.marketplace_id, ctx.connection
    catalog_id, category_id = parameters.get("catalogID"), parameters.get("categoryID")
    conditions: list[ColumnElement[bool]] = []
    if category_id and not catalog_id:
        raise BadRequest(
            "Product.CategoryFilterRequiresCatalogID", "categoryID needs catalogID", {"CategoryID": category_id}
        )
    if catalog_id:
        found = exists().where(catalogs.c.marketplace_id == mid, catalogs.c.id == catalog_id)
        if not await connection.scalar(select(found)):
            raise NotFound("Catalog", catalog_id)
        cp = catalog_products.c
        conditions.append(exists().where(cp.marketplace_id == mid, cp.catalog_id == catalog_id, cp.product_id == p.id))
    if category_id:
        k = categories.c
        found = exists().where(k.marketplace_id == mid, k.catalog_id == catalog_id, k.id == category_id)
        if not await connection.scalar(select(found)):
            raise NotFound("Category", category_id)
        kp = category_products.c
        conditions.append(
            exists().where(
                kp.marketplace_id == mid,
                kp.catalog_id == catalog_id,
                kp.category_id == category_id,
                kp.product_id == p.id,
            )
        )
    if parameters.get("supplierID"):
        raise NotFound("Supplier", parameters["supplierID"])
    return conditions


async def get(ctx: RequestContext, product_id: str) -> Product:
    row = (await ctx.connection.execute(product_rows(*store.key(scope(ctx), product_id)))).first()
    if row is None:
        raise NotFound("Product", product_id)
    return store.from_row(row)


async def require(ctx: RequestContext, product_id: str) -> None:
    if not await store.exists(ctx.connection, scope(ctx), product_id):
        raise NotFound("Product", product_id)


async def create(ctx: RequestContext, product: Product) -> Product:
    product = await checks.checked(ctx, product, None)
    created = await store.create(ctx.connection, scope(ctx), product, _server(ctx))
    return await get(ctx, created.ID or "")


async def save(ctx: RequestContext, product_id: str, product: Product) -> Product:
    """Create or replace; a different ID in the body renames the product, and everything that names it follows
    (assignments and variants by ON UPDATE CASCADE, child products here)."""
    current = await store.find(ctx.connection, scope(ctx), product_id)
    return await _write(ctx, product_id, product, current)


async def patch(ctx: RequestContext, product_id: str, changes: dict[str, Any]) -> Product:
    current = await get(ctx, product_id)
    merged = await store.merged(ctx.connection, scope(ctx), product_id, changes)
    return await _write(ctx, product_id, merged, current)


async def delete(ctx: RequestContext, product_id: str) -> None:
    """Its catalog, category, spec and buyer assignments and its variants go with it (FK cascades); a parent
    with child products stays (400 Product.CannotDeleteParentProduct)."""
    await checks.refuse_delete_of_parent(ctx, product_id)
    await store.delete(ctx.connection, scope(ctx), product_id)


async def _write(ctx: RequestContext, product_id: str, product: Product, current: Product | None) -> Product:
    new_id = await final_id(ctx.connection, ctx.marketplace_id, product_id, product.ID)
    product = msgspec.structs.replace(product, ID=new_id)
    product = await checks.checked(ctx, product, current, product_id)
    saved = (await store.save(ctx.connection, scope(ctx), product_id, product, _server(ctx))).item
    if current is not None and new_id != product_id:
        await ctx.connection.execute(
            update(products)
            .where(p.marketplace_id == ctx.marketplace_id, p.parent_id == product_id)
            .values(parent_id=new_id)
        )
    return await get(ctx, saved.ID or new_id)


def _server(ctx: RequestContext) -> dict[str, Any]:
    return {"date_created": ctx.now, "is_bundle": False}


async def list_specs(ctx: RequestContext, product_id: str, query: ListQuery) -> ListPage[Spec]:
    await require(ctx, product_id)
    return await specs_page(ctx, product_id, query)


async def specs_page(
    ctx: RequestContext, product_id: str, query: ListQuery, *, spec_id: str | None = None
) -> ListPage[Spec]:
    """A page of the specs assigned to the product (only ``spec_id`` when given), with the assignment's
    DefaultValue and DefaultOptionID (when set) in place of the spec's, and their options."""
    a = spec_products.c
    base = (
        select(spec_store.table, a.default_value.label("assigned_value"), a.default_option_id.label("assigned_option"))
        .join(
            spec_products,
            (a.marketplace_id == spec_store.table.c.marketplace_id) & (a.spec_id == spec_store.table.c.id),
        )
        .where(a.marketplace_id == ctx.marketplace_id, a.product_id == product_id)
    )
    if spec_id is not None:
        base = base.where(a.spec_id == spec_id)
    page = await fetch_page(ctx.connection, base, SPECS_SPEC, query)
    items = []
    for row in page.rows:
        spec = spec_store.from_row(row)
        if row.assigned_value is not None:
            spec.DefaultValue = row.assigned_value
        if row.assigned_option is not None:
            spec.DefaultOptionID = row.assigned_option
        items.append(spec)
    return ListPage(Items=await with_options(ctx, items), Meta=page.meta)
