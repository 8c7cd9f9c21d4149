"""The products a buyer user may buy (``/me/products``), each with the price schedule it pays.

What the user sees is mercato.catalog.product_visibility's rule, applied in SQL to every route here: a product
it does not see is a 404, its specs and variants too. Lists take the admin list's search, filters (xp included),
sort and paging, and ``Meta.Facets``, over the visible products only:

* ``catalogID`` narrows to the products seen through that catalog;
* ``categoryID`` narrows to the products assigned to that category of ``catalogID`` (by default the buyer's
  DefaultCatalogID) or to a category below it that the user sees, ``depth`` levels deep (default all; 1 is the
  category alone);
* ``sellerID`` names who sells: the marketplace owner (the only seller until suppliers exist; 404 otherwise).

A page is priced in one more query (the resolved schedule IDs of its products) and one to read the schedules.
Admin and supplier users are no buyer's users: an empty list, and 404 on a Get.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, select

from mercato.catalog.catalogs import default_catalog_of
from mercato.catalog.facets import ListPageWithFacets, product_facets, with_facets
from mercato.catalog.product_visibility import priced, visible
from mercato.catalog.tree import ALL, MAX_DEPTH, parse_depth, subtree
from mercato.catalog.visibility import Party, party_of, visible_categories
from mercato.context import RequestContext
from mercato.db.tables import categories, category_products, products, variants
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, page_meta, parse_list_query, where_clauses
from mercato.listing import fetch_page as fetch_rows
from mercato.resources.me_products.listing import MY_SPECS_SPEC, MY_VARIANTS_SPEC, SPEC
from mercato.resources.me_products.schemas import BuyerProduct, buyer_product
from mercato.resources.price_schedules.service import find_many
from mercato.resources.products.schemas import Product, Variant
from mercato.resources.products.service import product_rows, specs_page
from mercato.resources.products.service import store as product_store
from mercato.resources.products.variants import store as variant_store
from mercato.resources.specs.schemas import Spec

p = products.c


async def list_(ctx: RequestContext, query: ListQuery) -> ListPageWithFacets[BuyerProduct]:
    party = party_of(ctx.caller)
    if party is None:
        nothing: ListPage[BuyerProduct] = ListPage(Items=[], Meta=page_meta(query, 0, 0))
        return with_facets(nothing, [])
    conditions = _conditions(ctx, party, query.parameters)
    page = await fetch_rows(ctx.connection, product_rows(*conditions), SPEC, query)
    items = await _priced(ctx, party, [product_store.from_row(row) for row in page.rows])
    facets = await product_facets(
        ctx.connection,
        ctx.marketplace_id,
        select(p.id, p.xp).where(*conditions, *where_clauses(SPEC, query)),
        universe=select(p.id, p.xp).where(*conditions),
    )
    return with_facets(ListPage(Items=items, Meta=page.meta), facets)


async def get(ctx: RequestContext, product_id: str, parameters: Mapping[str, str]) -> BuyerProduct:
    party, product = await _visible_product(ctx, product_id, parameters)
    return (await _priced(ctx, party, [product]))[0]


async def list_specs(ctx: RequestContext, product_id: str, query: ListQuery) -> ListPage[Spec]:
    await _visible_product(ctx, product_id, query.parameters)
    return await specs_page(ctx, product_id, query)


async def get_spec(ctx: RequestContext, product_id: str, spec_id: str, parameters: Mapping[str, str]) -> Spec:
    await _visible_product(ctx, product_id, parameters)
    page = await specs_page(ctx, product_id, parse_list_query([], MY_SPECS_SPEC), spec_id=spec_id)
    if not page.Items:
        raise NotFound("Spec", spec_id)
    return page.Items[0]


async def list_variants(ctx: RequestContext, product_id: str, query: ListQuery) -> ListPage[Variant]:
    """The product's active variants (an inactive variant cannot be bought, so a buyer does not see it)."""
    await _visible_product(ctx, product_id, {})
    base = variant_store.select(_variant_scope(ctx, product_id)).where(variants.c.active.is_(True))
    return await variant_store.list(ctx.connection, MY_VARIANTS_SPEC, query, base)


async def get_variant(ctx: RequestContext, product_id: str, variant_id: str) -> Variant:
    await _visible_product(ctx, product_id, {})
    v = variants.c
    base = variant_store.select(_variant_scope(ctx, product_id)).where(v.id == variant_id, v.active.is_(True))
    row = (await ctx.connection.execute(base)).first()
    if row is None:
        raise NotFound("Variant", variant_id)
    return variant_store.from_row(row)


def _variant_scope(ctx: RequestContext, product_id: str) -> dict[str, Any]:
    return {"marketplace_id": ctx.marketplace_id, "product_id": product_id}


async def _visible_product(
    ctx: RequestContext, product_id: str, parameters: Mapping[str, str]
) -> tuple[Party, Product]:
    """The product when the caller sees it (through ``catalogID`` when given), else 404 Product."""
    party = party_of(ctx.caller)
    row = None
    if party is not None:
        conditions = _conditions(ctx, party, {k: v for k, v in parameters.items() if k in ("catalogID", "sellerID")})
        row = (await ctx.connection.execute(product_rows(*conditions, p.id == product_id))).first()
    if party is None or row is None:
        raise NotFound("Product", product_id)
    return party, product_store.from_row(row)


def _conditions(ctx: RequestContext, party: Party, parameters: Mapping[str, str]) -> list[ColumnElement[bool]]:
    catalog_id = parameters.get("catalogID") or None
    seller_id = parameters.get("sellerID") or None
    if seller_id is not None and seller_id != ctx.marketplace_id:
        raise NotFound("Supplier", seller_id)
    conditions = [visible(party, catalog_id)]
    category_id = parameters.get("categoryID") or None
    if category_id is not None:
        depth = parse_depth(parameters["depth"]) if parameters.get("depth") else ALL
        conditions.append(_in_category(party, catalog_id, category_id, depth))
    return conditions


def _in_category(party: Party, catalog_id: str | None, category_id: str, depth: int | None) -> ColumnElement[bool]:
    """Assigned to ``category_id`` of the catalog, or to a category the user sees below it within ``depth``."""
    mid = party.marketplace_id
    catalog: Any = catalog_id or default_catalog_of(mid, party.buyer_id)
    span = subtree(mid, catalog, categories.c.id == category_id, MAX_DEPTH if depth is ALL else depth, "product_span")
    seen = visible_categories(party, catalog, "product_span_visibility").subquery("product_span_seen")
    shown = (
        select(span.c.category_id)
        .join_from(span, seen, seen.c.category_id == span.c.category_id)
        .where(seen.c.catalog_id == catalog)
    )
    kp = category_products.c
    return (
        select(kp.product_id)
        .where(
            kp.marketplace_id == mid,
            kp.catalog_id == catalog,
            kp.product_id == p.id,
            kp.category_id.in_(shown),
        )
        .exists()
    )


async def _priced(ctx: RequestContext, party: Party, items: Sequence[Product]) -> list[BuyerProduct]:
    """The products with the schedules the party pays for them (two queries for a whole page)."""
    if not items:
        return []
    ids = [item.ID or "" for item in items]
    rows = (await ctx.connection.execute(priced(party, ctx.connection.dialect.name, ids))).all()
    schedule_of = {row.id: row.price_schedule_id for row in rows}
    schedules = await find_many(ctx.connection, ctx.marketplace_id, filter(None, schedule_of.values()), ctx.now)
    return [buyer_product(item, schedules.get(schedule_of.get(item.ID) or "")) for item in items]
