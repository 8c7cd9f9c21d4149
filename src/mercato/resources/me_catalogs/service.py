"""The catalogs a buyer user shops from (``/me/catalogs``): the active catalogs assigned to its buyer. Their
CategoryCount counts the categories the user sees (mercato.catalog.visibility). ``sellerID`` keeps the catalogs
owned by that organisation. One SQL query per list; admin and supplier users have no buyer: an empty list, and
404 on a Get."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Row, Select, func, select

from mercato.catalog.catalogs import OBJECT, OWNER_ID, STORED_COLUMNS, assigned_to_buyer
from mercato.catalog.visibility import Party, category_visibility, is_on, party_of
from mercato.context import RequestContext
from mercato.db.tables import catalogs
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, fetch_page, page_meta
from mercato.resources.catalogs.schemas import Catalog
from mercato.resources.me_catalogs.listing import SPEC
from mercato.store import Store

store = Store(catalogs, Catalog, OBJECT, read_only=frozenset({"OwnerID"}), computed=frozenset({"CategoryCount"}))

c = catalogs.c


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Catalog]:
    party = party_of(ctx.caller)
    if party is None:
        return ListPage(Items=[], Meta=page_meta(query, 0, 0))
    base = _mine(party)
    if seller_id := query.parameters.get("sellerID"):
        owner: ColumnElement[str] = OWNER_ID
        base = base.where(owner == seller_id)
    page = await fetch_page(ctx.connection, base, SPEC, query)
    return ListPage(Items=[_catalog(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, catalog_id: str) -> Catalog:
    party = party_of(ctx.caller)
    row = None if party is None else (await ctx.connection.execute(_mine(party).where(c.id == catalog_id))).first()
    if row is None:
        raise NotFound(OBJECT, catalog_id)
    return _catalog(row)


def _mine(party: Party) -> Select[Any]:
    tree = category_visibility(party)
    seen = select(func.count()).select_from(tree).where(tree.c.catalog_id == c.id, is_on(tree.c.visible))
    return select(*STORED_COLUMNS, OWNER_ID.label("owner_id"), seen.scalar_subquery().label("category_count")).where(
        c.marketplace_id == party.marketplace_id,
        c.active.is_(True),
        assigned_to_buyer(party.marketplace_id, party.buyer_id, c.id),
    )


def _catalog(row: Row[Any]) -> Catalog:
    return msgspec.structs.replace(store.from_row(row), CategoryCount=row.category_count)
