"""The categories a buyer user sees (``/me/categories``), one catalog at a time.

The catalog is ``catalogID`` or, when absent, the buyer's DefaultCatalogID (listing across catalogs is not
supported, as in OrderCloud). What the user sees is mercato.catalog.visibility's rule; a catalog that is not
active and assigned to its buyer simply shows nothing. The list spans ``depth`` levels (default 1) below the root
or below a plain ``ParentID=X`` filter (mercato.catalog.tree); ``productID`` keeps the categories the product is
assigned to. ChildCount counts the children the user sees. Each list or read is one SQL query: the common table
expression ``my_categories`` (listing.py) over the visibility walk.

Admin and supplier users have no buyer: an empty list, and 404 on a Get.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import CTE, Row, and_, exists, func, select

from mercato.catalog.catalogs import default_catalog_of
from mercato.catalog.tree import ALL, Span, within_span
from mercato.catalog.visibility import Party, category_visibility, is_on, party_of
from mercato.context import RequestContext
from mercato.db.tables import categories, category_products
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, fetch_page, page_meta
from mercato.resources.categories.schemas import Category
from mercato.resources.me_categories.listing import CATEGORY_COLUMNS, SPEC, my_categories
from mercato.store import Store

OBJECT = "Category"

store = Store(categories, Category, OBJECT, scope=("marketplace_id", "catalog_id"), computed=frozenset({"ChildCount"}))

c = categories.c


async def list_(ctx: RequestContext, span: Span, query: ListQuery) -> ListPage[Category]:
    party = party_of(ctx.caller)
    if party is None:
        return ListPage(Items=[], Meta=page_meta(query, 0, 0))
    mine = _mine(party, query.parameters.get("catalogID"), span, query.parameters.get("productID"))
    page = await fetch_page(ctx.connection, select(my_categories).add_cte(mine), SPEC, query)
    return ListPage(Items=[_category(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, category_id: str, catalog_id: str | None) -> Category:
    party = party_of(ctx.caller)
    row = None
    if party is not None:
        mine = _mine(party, catalog_id, Span(ALL), None)
        query = select(my_categories).add_cte(mine).where(my_categories.c.id == category_id)
        row = (await ctx.connection.execute(query)).first()
    if row is None:
        raise NotFound(OBJECT, category_id)
    return _category(row)


def _mine(party: Party, catalog_id: str | None, span: Span, product_id: str | None) -> CTE:
    """``my_categories``: the visible categories of the catalog within ``span`` (and holding ``product_id``)."""
    catalog: Any = catalog_id or default_catalog_of(party.marketplace_id, party.buyer_id)
    tree = category_visibility(party, catalog)
    shown = tree.alias("visible_children")
    child_count = (
        select(func.count())
        .select_from(shown)
        .where(shown.c.catalog_id == tree.c.catalog_id, shown.c.parent_id == tree.c.category_id, is_on(shown.c.visible))
        .scalar_subquery()
    )
    query = (
        select(*CATEGORY_COLUMNS, child_count.label("child_count"))
        .select_from(categories.join(tree, and_(tree.c.catalog_id == c.catalog_id, tree.c.category_id == c.id)))
        .where(c.marketplace_id == party.marketplace_id, is_on(tree.c.visible))
    )
    if span.parent_id is None:
        if span.depth is not ALL:
            query = query.where(tree.c.depth <= span.depth)
    else:
        query = query.where(within_span(party.marketplace_id, catalog, span, "my_span"))
    if product_id:
        p = category_products.c
        query = query.where(
            exists().where(
                p.marketplace_id == party.marketplace_id,
                p.catalog_id == c.catalog_id,
                p.category_id == c.id,
                p.product_id == product_id,
            )
        )
    return query.cte(my_categories.name)


def _category(row: Row[Any]) -> Category:
    return msgspec.structs.replace(store.from_row(row), ChildCount=row.child_count)
