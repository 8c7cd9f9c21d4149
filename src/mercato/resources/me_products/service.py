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

The visibility, category and pricing statements are built once per process over bound parameters (the party's,
``party_catalog_id``, ``span_*``), and each request passes their values: building them per request cost more
Python time than the database spent running them.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam, select

from mercato.catalog import shopper_views
from mercato.catalog.browse_cache import Counted, Paged, cache_of, list_key, page_key
from mercato.catalog.catalogs import default_catalog_of
from mercato.catalog.facets import Faceted, ListPageWithFacets, product_facets, with_facets
from mercato.catalog.product_visibility import CATALOG, bound_prices, bound_visible
from mercato.catalog.tree import ALL, MAX_DEPTH, parse_depth, subtree
from mercato.catalog.visibility import BOUND_PARTY, party_parameters, visible_categories
from mercato.context import RequestContext
from mercato.db.tables import categories, category_products, products, variants
from mercato.errors import NotFound
from mercato.listing import (
    ListPage,
    ListQuery,
    default_order,
    page_meta,
    parse_list_query,
    sorted_by_default,
    where_clauses,
)
from mercato.listing import fetch_page as fetch_rows
from mercato.resources.me_products.listing import MY_SPECS_SPEC, MY_VARIANTS_SPEC, SPEC
from mercato.resources.me_products.schemas import BuyerProduct, buyer_product
from mercato.resources.price_schedules.service import shown
from mercato.resources.price_schedules.service import store as schedule_store
from mercato.resources.products.schemas import Product, Variant
from mercato.resources.products.service import counted, product_rows, specs_page
from mercato.resources.products.service import store as product_store
from mercato.resources.products.variants import store as variant_store
from mercato.resources.specs.schemas import Spec

p = products.c
RANKING = default_order(SPEC)
"""The order a shopper view ranks its products in: the list's own, when no ``sortBy`` is given."""


async def list_(ctx: RequestContext, query: ListQuery) -> ListPageWithFacets[BuyerProduct]:
    scope = _scope(ctx, query.parameters)
    if scope is None:
        nothing: ListPage[BuyerProduct] = ListPage(Items=[], Meta=page_meta(query, 0, 0))
        return with_facets(nothing, [])
    view = await shopper_views.locate(ctx, query.parameters.get("catalogID") or None, RANKING)
    seen = _Seen(scope, view)
    key = list_key(view.id, query)
    cache = cache_of(ctx.connection)
    remembered = await _remembered(ctx, view, key)
    counting = time.perf_counter()  # what a count costs (facets, or the page's count) decides whether to share it
    known = remembered or await _count(ctx, seen, query)
    paged = cache.paged(page_key(key, query)) if key is not None and remembered is not None else None
    rows: Sequence[Any]
    if remembered is not None and paged is not None:
        rows = await _rows_of(ctx, paged.ids)
        meta = page_meta(query, remembered.total, len(rows))
    else:
        rank = shopper_views.RANK if view.built and sorted_by_default(SPEC, query) else None
        dense = not seen.scope.narrowing  # a category narrows the view: its ranks have gaps
        base = seen.select(products)
        page = await fetch_rows(ctx.connection, base, SPEC, query, seen.bound, known.total, rank=rank, dense=dense)
        rows, meta = page.rows, page.meta
        if key is not None:
            cache.put(page_key(key, query), Paged(tuple(row.id for row in rows)))
    if key is not None and remembered is None:
        cost = time.perf_counter() - counting
        known = Counted(meta.TotalCount, known.facets)
        cache.put(key, known)
        if view.built:
            shopper_views.keep_counted(ctx, view, key, known, cost)
    found = await counted(ctx.connection, ctx.marketplace_id, [product_store.from_row(row) for row in rows])
    items = await _priced(ctx, seen.bound, found)
    return with_facets(ListPage(Items=items, Meta=meta), known.facets)


@dataclass(frozen=True, slots=True)
class _Seen:
    """What the caller sees: through its view once built, else by the rule; narrowed by the list's scope."""

    scope: _Scope
    view: shopper_views.ShopperView

    @property
    def bound(self) -> dict[str, Any]:
        return self.scope.bound | self.view.parameters

    def select(self, *columns: Any) -> Select[Any]:
        if self.view.built:
            return shopper_views.products_in(*columns).where(*self.scope.narrowing)
        return select(*columns).where(self.scope.visible, *self.scope.narrowing)


async def _remembered(ctx: RequestContext, view: shopper_views.ShopperView, key: str | None) -> Counted | None:
    """The list's count and facets as this process, or another through the view, remembered them."""
    if key is None:
        return None
    cache = cache_of(ctx.connection)
    found = cache.counted(key)
    if found is None and view.built:
        found = await shopper_views.counted(ctx, view, key)
        if found is not None:
            cache.put(key, found)
    return found


async def _count(ctx: RequestContext, seen: _Seen, query: ListQuery) -> Faceted:
    """The list's facets, and its count when known without the page's (the facet query counts; a whole built
    view was counted when it was built); else the page counts."""
    faceted = await product_facets(
        ctx.connection,
        ctx.marketplace_id,
        seen.select(p.id, p.xp).where(*where_clauses(SPEC, query)),
        universe=seen.select(p.id, p.xp),
        parameters=seen.bound,
    )
    total = faceted.total
    whole = not seen.scope.narrowing and not query.filters and query.search is None
    if total is None and seen.view.built and whole:
        total = seen.view.total
    return Faceted(faceted.facets, total)


_BY_ID = select(products).where(
    p.marketplace_id == bindparam("rows_marketplace_id", type_=String()),
    p.id.in_(bindparam("row_ids", expanding=True)),
)


async def _rows_of(ctx: RequestContext, ids: Sequence[str]) -> list[Any]:
    """The rows of a remembered page, in its order."""
    if not ids:
        return []
    found = await ctx.connection.execute(_BY_ID, {"rows_marketplace_id": ctx.marketplace_id, "row_ids": list(ids)})
    by_id = {row.id: row for row in found}
    return [by_id[product_id] for product_id in ids if product_id in by_id]


async def get(ctx: RequestContext, product_id: str, parameters: Mapping[str, str]) -> BuyerProduct:
    product, bound = await _visible_product(ctx, product_id, parameters)
    return (await _priced(ctx, bound, [product]))[0]


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
) -> tuple[Product, dict[str, Any]]:
    """The product when the caller sees it (through ``catalogID`` when given), else 404 Product. The rule walked
    for this product alone (a few index probes), not the caller's view (which may not be built yet)."""
    scope = _scope(ctx, {k: v for k, v in parameters.items() if k in ("catalogID", "sellerID")})
    row = None
    if scope is not None:
        visible = bound_visible(scope.catalog_id is not None, one="visible_product_id")
        statement = product_rows(visible, *scope.narrowing, p.id == bindparam("visible_product_id", type_=String()))
        row = (await ctx.connection.execute(statement, scope.bound | {"visible_product_id": product_id})).first()
    if scope is None or row is None:
        raise NotFound("Product", product_id)
    return product_store.from_row(row), scope.bound


@dataclass(frozen=True, slots=True)
class _Scope:
    visible: ColumnElement[bool]
    """The visibility rule on ``products`` (through ``catalogID`` when given)."""
    narrowing: list[ColumnElement[bool]]
    """What ``categoryID`` adds."""
    catalog_id: str | None
    bound: dict[str, Any]
    """The values of their bound parameters."""


def _scope(ctx: RequestContext, parameters: Mapping[str, str]) -> _Scope | None:
    """The conditions on ``products`` that the list parameters make; None when the caller is no buyer user (it
    sees no products)."""
    seller_id = parameters.get("sellerID") or None
    if seller_id is not None and seller_id != ctx.marketplace_id:
        raise NotFound("Supplier", seller_id)
    bound: dict[str, Any] | None = party_parameters(ctx.caller)
    if bound is None:
        return None
    catalog_id = parameters.get("catalogID") or None
    narrowing = []
    if catalog_id is not None:
        bound["party_catalog_id"] = catalog_id
    category_id = parameters.get("categoryID") or None
    if category_id is not None:
        depth = parse_depth(parameters["depth"]) if parameters.get("depth") else ALL
        narrowing.append(_in_category(catalog_id is not None))
        bound |= {"span_category_id": category_id, "span_levels": MAX_DEPTH if depth is ALL else depth}
    return _Scope(bound_visible(catalog_id is not None), narrowing, catalog_id, bound)


@functools.cache
def _in_category(narrowed: bool) -> ColumnElement[bool]:
    """Assigned to the category bound as ``span_category_id`` of the catalog (``party_catalog_id`` when
    ``narrowed``, else the buyer's default), or to a category the user sees below it within ``span_levels``."""
    party = BOUND_PARTY
    mid = party.marketplace_id
    catalog: Any = CATALOG if narrowed else default_catalog_of(mid, party.buyer_id)
    span = subtree(mid, catalog, categories.c.id == bindparam("span_category_id", type_=String()), MAX_DEPTH, "span")
    seen = visible_categories(party, catalog, "span_visibility").subquery("span_seen")
    shown = (
        select(span.c.category_id)
        .join_from(span, seen, seen.c.category_id == span.c.category_id)
        .where(seen.c.catalog_id == catalog, span.c.level <= bindparam("span_levels", type_=Integer()))
    )
    kp = category_products.c
    # IN, not a correlated EXISTS: the category's products are gathered once, then matched by key.
    return p.id.in_(
        select(kp.product_id).where(kp.marketplace_id == mid, kp.catalog_id == catalog, kp.category_id.in_(shown))
    )


async def _priced(ctx: RequestContext, bound: Mapping[str, Any], items: Sequence[Product]) -> list[BuyerProduct]:
    """The products with the schedules the party pays for them (one query for a whole page)."""
    if not items:
        return []
    prices = bound_prices(ctx.connection.dialect.name)
    rows = await ctx.connection.execute(prices, {**bound, "product_ids": [item.ID for item in items]})
    schedules = {
        row.priced_product_id: shown(schedule_store.from_row(row), ctx.now) for row in rows if row.id is not None
    }
    return [buyer_product(item, schedules.get(item.ID)) for item in items]
