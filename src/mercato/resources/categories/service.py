"""A catalog's categories (``/catalogs/{catalogID}/categories``): one tree per catalog.

* ``ParentID`` names a category of the same catalog (404 Category otherwise) or is null (root level; a blank
  ParentID reads as null). A category may not be its own parent nor sit below one of its descendants: 400
  ``Category.CircularReference``. Every tree write holds its catalog's row lock, so two concurrent moves cannot
  close a loop between them.
* ``adjustListOrders=true`` (on POST, PUT, PATCH) makes room: when the saved category has a ListOrder, every
  sibling (same catalog and parent) with the same or a higher ListOrder moves one place down (+1), in one UPDATE.
* Deleting a category deletes its whole subtree (OrderCloud: "Deleting a parent category will also delete all
  of that category's children"), and with it their assignments and product assignments (ON DELETE CASCADE). The
  products stay in the catalog.
* Renaming a category (a different ID in a PUT/PATCH body) carries its assignments along (ON UPDATE CASCADE) and
  its children's ParentID.

Lists cover a span of the tree: ``depth`` levels below the root or below a plain ``ParentID=X`` filter
(mercato.catalog.tree). The caller must see the catalog (mercato.catalog.catalogs): else 404 Catalog.
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Row, Select, delete, select, update

from mercato.catalog.catalogs import check_not_reserved, require_catalog
from mercato.catalog.tree import Span, ancestors, descendants, within_span
from mercato.context import RequestContext
from mercato.db.tables import categories
from mercato.errors import BadRequest, NotFound
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.resources.categories.listing import CHILD_COUNT, SPEC
from mercato.resources.categories.schemas import INT32_MAX, Category
from mercato.store import Scope, Store

OBJECT = "Category"

store = Store(categories, Category, OBJECT, scope=("marketplace_id", "catalog_id"), computed=frozenset({"ChildCount"}))

c = categories.c


def _scope(ctx: RequestContext, catalog_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "catalog_id": catalog_id}


def _view(ctx: RequestContext, catalog_id: str) -> Select[Any]:
    return select(categories, CHILD_COUNT.label("child_count")).where(
        c.marketplace_id == ctx.marketplace_id, c.catalog_id == catalog_id
    )


def _category(row: Row[Any]) -> Category:
    return msgspec.structs.replace(store.from_row(row), ChildCount=row.child_count)


# --- reads ------------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, catalog_id: str, span: Span, query: ListQuery) -> ListPage[Category]:
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    base = _view(ctx, catalog_id).where(within_span(ctx.marketplace_id, catalog_id, span))
    page = await fetch_page(ctx.connection, base, SPEC, query)
    return ListPage(Items=[_category(row) for row in page.rows], Meta=page.meta)


async def get(ctx: RequestContext, catalog_id: str, category_id: str) -> Category:
    await require_catalog(ctx.connection, ctx.caller, catalog_id)
    return await _read(ctx, catalog_id, category_id)


async def _read(ctx: RequestContext, catalog_id: str, category_id: str) -> Category:
    row = (await ctx.connection.execute(_view(ctx, catalog_id).where(c.id == category_id))).first()
    if row is None:
        raise NotFound(OBJECT, category_id)
    return _category(row)


# --- writes -----------------------------------------------------------------------------------------------------


async def create(ctx: RequestContext, catalog_id: str, category: Category, adjust: bool) -> Category:
    check_not_reserved(category.ID)
    category = _rooted(category)
    await require_catalog(ctx.connection, ctx.caller, catalog_id, lock=True)
    await _check_parent(ctx, catalog_id, None, {category.ID}, category.ParentID)
    created = await store.create(ctx.connection, _scope(ctx, catalog_id), category)
    return await _finish(ctx, catalog_id, created, adjust)


async def save(ctx: RequestContext, catalog_id: str, category_id: str, category: Category, adjust: bool) -> Category:
    check_not_reserved(category.ID)
    category = _rooted(category)
    await require_catalog(ctx.connection, ctx.caller, catalog_id, lock=True)
    existed = await store.exists(ctx.connection, _scope(ctx, catalog_id), category_id)
    own = {category_id, category.ID}
    await _check_parent(ctx, catalog_id, category_id if existed else None, own, category.ParentID)
    saved = await store.save(ctx.connection, _scope(ctx, catalog_id), category_id, category)
    await _follow_rename(ctx, catalog_id, category_id, saved.item.ID)
    return await _finish(ctx, catalog_id, saved.item, adjust)


async def patch(
    ctx: RequestContext, catalog_id: str, category_id: str, changes: dict[str, Any], adjust: bool
) -> Category:
    check_not_reserved(changes.get("ID"))
    if changes.get("ParentID") == "":
        changes = changes | {"ParentID": None}
    await require_catalog(ctx.connection, ctx.caller, catalog_id, lock=True)
    merged = await store.merged(ctx.connection, _scope(ctx, catalog_id), category_id, changes)
    new_id = changes.get("ID")
    await _check_parent(ctx, catalog_id, category_id, {category_id, new_id}, merged.ParentID)
    patched = await store.patch(ctx.connection, _scope(ctx, catalog_id), category_id, changes)
    await _follow_rename(ctx, catalog_id, category_id, patched.ID)
    return await _finish(ctx, catalog_id, patched, adjust)


async def delete_category(ctx: RequestContext, catalog_id: str, category_id: str) -> None:
    """The category and its whole subtree, in one statement."""
    await require_catalog(ctx.connection, ctx.caller, catalog_id, lock=True)
    if not await store.exists(ctx.connection, _scope(ctx, catalog_id), category_id):
        raise NotFound(OBJECT, category_id)
    doomed = descendants(ctx.marketplace_id, catalog_id, [category_id])
    await ctx.connection.execute(
        delete(categories).where(
            c.marketplace_id == ctx.marketplace_id,
            c.catalog_id == catalog_id,
            c.id.in_(select(doomed.c.category_id)),
        )
    )


async def require_category(ctx: RequestContext, catalog_id: str, category_id: str) -> None:
    if not await store.exists(ctx.connection, _scope(ctx, catalog_id), category_id):
        raise NotFound(OBJECT, category_id)


def _rooted(category: Category) -> Category:
    """A blank ParentID means the root level, like null."""
    return msgspec.structs.replace(category, ParentID=None) if category.ParentID == "" else category


async def _check_parent(
    ctx: RequestContext, catalog_id: str, current: str | None, own_ids: set[Any], parent_id: str | None
) -> None:
    """``parent_id`` exists in this catalog and is neither the category (``own_ids``: its ID and the ID it is
    being given) nor below it (``current``: its stored ID, None for a new category)."""
    if parent_id is None:
        return
    if parent_id in own_ids:
        raise _circular(current or parent_id, parent_id)
    chain = ancestors(ctx.marketplace_id, catalog_id, parent_id)
    above = {row.category_id for row in await ctx.connection.execute(select(chain.c.category_id))}
    if not above:
        raise NotFound(OBJECT, parent_id)
    if current is not None and current in above:
        raise _circular(current, parent_id)


def _circular(category_id: str, parent_id: str) -> BadRequest:
    return BadRequest(
        "Category.CircularReference",
        f"Cannot make {parent_id} the parent of {category_id}: it would be its own ancestor",
        {"CategoryID": category_id, "ParentID": parent_id},
    )


async def _follow_rename(ctx: RequestContext, catalog_id: str, old_id: str, new_id: str | None) -> None:
    """Children name their parent by ID without a foreign key: they follow a rename."""
    if new_id is not None and new_id != old_id:
        await ctx.connection.execute(
            update(categories)
            .where(c.marketplace_id == ctx.marketplace_id, c.catalog_id == catalog_id, c.parent_id == old_id)
            .values(parent_id=new_id)
        )


async def _finish(ctx: RequestContext, catalog_id: str, category: Category, adjust: bool) -> Category:
    assert category.ID is not None
    if adjust and category.ListOrder is not None:
        await _make_room(ctx, catalog_id, category.ID, category.ParentID, category.ListOrder)
    return await _read(ctx, catalog_id, category.ID)


async def _make_room(
    ctx: RequestContext, catalog_id: str, category_id: str, parent_id: str | None, list_order: int
) -> None:
    """Siblings at ``list_order`` or later move one place down (those at the largest ListOrder stay)."""
    sibling = c.parent_id.is_(None) if parent_id is None else c.parent_id == parent_id
    await ctx.connection.execute(
        update(categories)
        .where(
            c.marketplace_id == ctx.marketplace_id,
            c.catalog_id == catalog_id,
            sibling,
            c.id != category_id,
            c.list_order >= list_order,
            c.list_order < INT32_MAX,
        )
        .values(list_order=c.list_order + 1)
    )
