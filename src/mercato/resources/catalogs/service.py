"""Catalogs (``/catalogs``): containers of products and categories, made visible to buyers by assignment.

Admin users see and administer every catalog. Buyer users see the catalogs assigned to their buyer and, with
CatalogAdmin, may edit them (PUT on an existing one, PATCH) but not create or delete catalogs (seller-only in
access.py); any other catalog is a 404 to them. Supplier users see none (mercato.catalog.catalogs).

A catalog that is some buyer's DefaultCatalogID cannot be deleted (409 ``Catalog.CannotDelete``). Deleting a
catalog deletes its assignments, product assignments and categories (ON DELETE CASCADE); renaming it carries
them along (ON UPDATE CASCADE) and updates the DefaultCatalogID of the buyers that name it.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Row, Select, exists, select, update

from mercato.catalog.catalogs import (
    CATEGORY_COUNT,
    OBJECT,
    OWNER_ID,
    STORED_COLUMNS,
    check_not_reserved,
    readable,
    require_catalog,
)
from mercato.context import RequestContext, UserType
from mercato.db.tables import buyers, catalogs
from mercato.errors import Conflict, NotFound
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.catalogs.listing import SPEC
from mercato.resources.catalogs.schemas import Catalog
from mercato.store import Scope, Store

store = Store(catalogs, Catalog, OBJECT, read_only=frozenset({"OwnerID"}), computed=frozenset({"CategoryCount"}))

c = catalogs.c


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


def view(ctx: RequestContext) -> Select[Any]:
    """The catalogs the caller may see, with OwnerID and CategoryCount computed."""
    return select(*STORED_COLUMNS, OWNER_ID.label("owner_id"), CATEGORY_COUNT.label("category_count")).where(
        c.marketplace_id == ctx.marketplace_id, readable(ctx.caller)
    )


def catalog_of(row: Row[Any]) -> Catalog:
    return msgspec.structs.replace(store.from_row(row), CategoryCount=row.category_count)


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Catalog]:
    page = await fetch_page(ctx.connection, view(ctx), SPEC, query)
    return ListPage(Items=[catalog_of(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, catalog_id: str) -> Catalog:
    row = (await ctx.connection.execute(view(ctx).where(c.id == catalog_id))).first()
    if row is None:
        raise NotFound(OBJECT, catalog_id)
    return catalog_of(row)


async def create(ctx: RequestContext, catalog: Catalog) -> Catalog:
    check_not_reserved(catalog.ID)
    created = await store.create(ctx.connection, _scope(ctx), catalog, {"owner_id": _owner(ctx, catalog.OwnerID)})
    assert created.ID is not None
    return await get(ctx, created.ID)


async def save(ctx: RequestContext, catalog_id: str, catalog: Catalog) -> Catalog:
    """PUT replaces a catalog the caller sees; only admin users create one (anyone else: 404)."""
    check_not_reserved(catalog.ID)
    server = None
    if not await store.exists(ctx.connection, _scope(ctx), catalog_id):
        if ctx.caller.user_type is not UserType.ADMIN:
            raise NotFound(OBJECT, catalog_id)
        server = {"owner_id": _owner(ctx, catalog.OwnerID)}
    else:
        await require_catalog(ctx.connection, ctx.caller, catalog_id)
    saved = await store.save(ctx.connection, _scope(ctx), catalog_id, catalog, server)
    assert saved.item.ID is not None
    await _follow_rename(ctx, catalog_id, saved.item.ID)
    return await get(ctx, saved.item.ID)


async def patch(ctx: RequestContext, catalog_id: str, changes: dict[str, Any]) -> Catalog:
    check_not_reserved(changes.get("ID"))
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    patched = await store.patch(ctx.connection, _scope(ctx), catalog_id, changes)
    assert patched.ID is not None
    await _follow_rename(ctx, catalog_id, patched.ID)
    return await get(ctx, patched.ID)


async def delete(ctx: RequestContext, catalog_id: str) -> None:
    await store.get(ctx.connection, _scope(ctx), catalog_id)
    b = buyers.c
    is_default = exists().where(b.marketplace_id == ctx.marketplace_id, b.default_catalog_id == catalog_id)
    if await ctx.connection.scalar(select(is_default)):
        raise Conflict(
            "Catalog.CannotDelete",
            f"Catalog {catalog_id} is the default catalog of one or more buyers and cannot be deleted",
            {"ObjectType": OBJECT, "ObjectID": catalog_id},
        )
    await store.delete(ctx.connection, _scope(ctx), catalog_id)  # assignments and categories go by cascade


def _owner(ctx: RequestContext, requested: str | None) -> str:
    """The owner of a new catalog: the marketplace owner's organisation (whose ID is the marketplace ID). Only
    the marketplace owner may name another, which would be a supplier; none exists yet, so any other ID is a 404
    Supplier."""
    if requested and requested != ctx.marketplace_id:
        raise NotFound("Supplier", requested)
    return ctx.marketplace_id


async def _follow_rename(ctx: RequestContext, old_id: str, new_id: str) -> None:
    """Buyers name their default catalog by ID without a foreign key: they follow a rename."""
    if new_id != old_id:
        b = buyers.c
        await ctx.connection.execute(
            update(buyers)
            .where(b.marketplace_id == ctx.marketplace_id, b.default_catalog_id == old_id)
            .values(default_catalog_id=new_id)
        )
