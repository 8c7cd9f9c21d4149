"""Product facets (``/productfacets``): which product xp paths product lists count in ``Meta.Facets``.

XpPath is kept relative to xp. A leading ``xp.`` is dropped (``xp.Color`` and ``Color`` name the same place),
an omitted or blank one becomes the facet's ID, and no two facets of a marketplace share one (409
``ProductFacet.XpPathInUse``).
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from sqlalchemy import exists, select

from mercato.context import RequestContext
from mercato.db.tables import product_facets
from mercato.errors import Conflict, ValidationFailure
from mercato.ids import resolve_id
from mercato.listing import ListPage, ListQuery
from mercato.resources.product_facets.listing import SPEC
from mercato.resources.product_facets.schemas import ProductFacet
from mercato.store import Scope, Store

store = Store(product_facets, ProductFacet, "ProductFacet")
c = product_facets.c

_SEGMENT = re.compile(r"^[^.\"\\\x00-\x1f]+$")
"""One key of an xp path: what the list engine accepts in ``xp.a.b`` filters, so every facet can be filtered on."""


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[ProductFacet]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))


async def get(ctx: RequestContext, facet_id: str) -> ProductFacet:
    return await store.get(ctx.connection, _scope(ctx), facet_id)


async def create(ctx: RequestContext, facet: ProductFacet) -> ProductFacet:
    facet_id = await resolve_id(ctx.connection, ctx.marketplace_id, facet.ID)
    facet = await _checked(ctx, msgspec.structs.replace(facet, ID=facet_id), None)
    return await store.create(ctx.connection, _scope(ctx), facet)


async def save(ctx: RequestContext, facet_id: str, facet: ProductFacet) -> ProductFacet:
    """Create or replace; a different ID in the body renames the facet (its XpPath stays as stored)."""
    facet = msgspec.structs.replace(facet, ID=await _final_id(ctx, facet_id, facet.ID))
    facet = await _checked(ctx, facet, facet_id)
    return (await store.save(ctx.connection, _scope(ctx), facet_id, facet)).item


async def patch(ctx: RequestContext, facet_id: str, changes: dict[str, Any]) -> ProductFacet:
    merged = await store.merged(ctx.connection, _scope(ctx), facet_id, changes)
    facet = msgspec.structs.replace(merged, ID=await _final_id(ctx, facet_id, merged.ID))
    facet = await _checked(ctx, facet, facet_id)
    return (await store.save(ctx.connection, _scope(ctx), facet_id, facet)).item


async def delete(ctx: RequestContext, facet_id: str) -> None:
    await store.delete(ctx.connection, _scope(ctx), facet_id)


async def _final_id(ctx: RequestContext, facet_id: str, sent: str | None) -> str:
    """The ID the facet will have: the path's, or the body's (placeholders filled) when it differs."""
    if sent is None or sent in ("", facet_id):
        return facet_id
    return await resolve_id(ctx.connection, ctx.marketplace_id, sent)


async def _checked(ctx: RequestContext, facet: ProductFacet, replacing: str | None) -> ProductFacet:
    """XpPath normalised and free; ``replacing`` is the facet being written, whose own path does not count."""
    assert facet.ID is not None
    path = xp_path(facet.XpPath, facet.ID)
    taken = exists().where(c.marketplace_id == ctx.marketplace_id, c.xp_path == path)
    if replacing is not None:
        taken = taken.where(c.id != replacing)
    if await ctx.connection.scalar(select(taken)):
        raise Conflict("ProductFacet.XpPathInUse", f"Another product facet uses the XpPath {path!r}", {"XpPath": path})
    return msgspec.structs.replace(facet, XpPath=path)


def xp_path(sent: str | None, facet_id: str) -> str:
    """The stored XpPath: ``sent`` without a leading ``xp.``, or the facet ID when nothing is sent."""
    path = (sent or "").strip()
    if path.startswith("xp."):
        path = path[3:]
    path = path or facet_id
    if not all(_SEGMENT.match(key) for key in path.split(".")):
        raise ValidationFailure(
            "XpPath must be dot-separated keys inside xp, without empty keys, quotes, backslashes or control "
            "characters",
            "XpPath",
        )
    return path
