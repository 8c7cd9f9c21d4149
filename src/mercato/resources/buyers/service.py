"""Buyer organisations. Admin users see and administer all; a buyer user sees and administers only its own
(never creating or deleting buyers); supplier users may read them (SEMANTICS.md §1.8). Deleting a buyer deletes
everything it owns; changing its ID carries everything along."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import Select, delete, exists, func, select, update

from mercato.auth.visibility import may_see_buyer
from mercato.context import RequestContext, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import (
    addresses,
    api_client_assignments,
    api_clients,
    buyers,
    catalog_assignments,
    catalogs,
    credit_cards,
    marketplaces,
    security_profile_assignments,
    user_groups,
    users,
)
from mercato.errors import Conflict, NotFound
from mercato.listing import ListPage, ListQuery, page_meta
from mercato.orders import ownership
from mercato.resources.buyers.listing import SPEC
from mercato.resources.buyers.schemas import Buyer, BuyerSupplier
from mercato.store import Scope, Store

store = Store(buyers, Buyer, "Buyer", read_only=frozenset({"DateCreated"}))


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


def _readable(ctx: RequestContext) -> Select[Any]:
    query = store.select(_scope(ctx))
    if ctx.caller.user_type is UserType.BUYER:
        query = query.where(buyers.c.id == ctx.caller.company_id)
    return query


def _require_writable(ctx: RequestContext, buyer_id: str) -> None:
    if not may_see_buyer(ctx.caller, buyer_id):
        raise NotFound("Buyer", buyer_id)


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Buyer]:
    return await store.list(ctx.connection, SPEC, query, _readable(ctx))


async def get(ctx: RequestContext, buyer_id: str) -> Buyer:
    if ctx.caller.user_type is UserType.BUYER and ctx.caller.company_id != buyer_id:
        raise NotFound("Buyer", buyer_id)
    return await store.get(ctx.connection, _scope(ctx), buyer_id)


async def create(ctx: RequestContext, buyer: Buyer) -> Buyer:
    created = await store.create(ctx.connection, _scope(ctx), buyer, {"date_created": ctx.now})
    return await ensure_default_catalog(ctx, created)


async def save(ctx: RequestContext, buyer_id: str, buyer: Buyer) -> Buyer:
    _require_writable(ctx, buyer_id)
    current = await store.find(ctx.connection, _scope(ctx), buyer_id)
    if current is None and ctx.caller.user_type is not UserType.ADMIN:
        raise NotFound("Buyer", buyer_id)
    if current is not None and buyer.DefaultCatalogID is None:
        buyer = msgspec.structs.replace(buyer, DefaultCatalogID=current.DefaultCatalogID)  # a PUT keeps the default
    saved = await store.save(ctx.connection, _scope(ctx), buyer_id, buyer, {"date_created": ctx.now})
    await _follow_rename(ctx, buyer_id, saved.item.ID)
    return await ensure_default_catalog(ctx, saved.item)


async def patch(ctx: RequestContext, buyer_id: str, changes: dict[str, Any]) -> Buyer:
    _require_writable(ctx, buyer_id)
    patched = await store.patch(ctx.connection, _scope(ctx), buyer_id, changes)
    await _follow_rename(ctx, buyer_id, patched.ID)
    return await ensure_default_catalog(ctx, patched)


async def delete_buyer(ctx: RequestContext, buyer_id: str) -> None:
    await store.get(ctx.connection, _scope(ctx), buyer_id)
    mid, c = ctx.marketplace_id, ctx.connection
    its_users = select(users.c.uid).where(
        users.c.marketplace_id == mid, users.c.user_type == "buyer", users.c.company_id == buyer_id
    )
    context_user = await c.scalar(
        select(
            exists().where(
                api_clients.c.marketplace_id == mid,
                func.lower(api_clients.c.default_context_user_name).in_(
                    select(users.c.username_key).where(users.c.uid.in_(its_users))
                ),
            )
        )
    )
    if context_user:
        raise Conflict(
            "User.CannotDeleteDefaultContextUser",
            f"A user of buyer {buyer_id} is the default context user of an API client",
            {"BuyerID": buyer_id},
        )
    for private in (addresses, credit_cards):  # the users' own (/me) addresses and cards
        await c.execute(
            delete(private).where(
                private.c.marketplace_id == mid, private.c.owner_type == "me", private.c.company_id.in_(its_users)
            )
        )
    for table, kind in ((addresses, "owner_type"), (credit_cards, "owner_type")):
        await c.execute(
            delete(table).where(table.c.marketplace_id == mid, table.c[kind] == "buyer", table.c.company_id == buyer_id)
        )
    await ownership.buyer_deleted(c, mid, buyer_id)
    await c.execute(delete(users).where(users.c.uid.in_(its_users)))
    await c.execute(
        delete(user_groups).where(
            user_groups.c.marketplace_id == mid,
            user_groups.c.group_type == "buyer",
            user_groups.c.company_id == buyer_id,
        )
    )
    for table in (security_profile_assignments, api_client_assignments):
        await c.execute(delete(table).where(table.c.marketplace_id == mid, table.c.buyer_id == buyer_id))
    await store.delete(c, _scope(ctx), buyer_id)  # what the buyer owns outright goes by cascade


async def list_sellers(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[BuyerSupplier]:
    """Whom this buyer may order from: the marketplace owner (suppliers join when they exist)."""
    row = (
        await ctx.connection.execute(
            select(marketplaces.c.id, marketplaces.c.name).where(marketplaces.c.id == ctx.marketplace_id)
        )
    ).one()
    items = [BuyerSupplier(ID=row.id, Name=row.name)]
    shown = items[query.offset : query.offset + query.page_size]
    return ListPage(Items=shown, Meta=page_meta(query, len(items), len(shown)))


async def ensure_default_catalog(ctx: RequestContext, buyer: Buyer) -> Buyer:
    """Every buyer has a default catalog, assigned to it (SEMANTICS.md §3.1):

    * none named: a catalog with the buyer's own ID and name is created (``Buyer.DefaultCatalogAlreadyExists``
      when that ID is taken by a catalog not assigned to this buyer) and becomes the default; a PUT or PATCH that
      leaves DefaultCatalogID out thus keeps the catalog made for the buyer when it was created;
    * one named: it must exist (404), and it is assigned to the buyer if it was not already.

    The assignment made here has ViewAllCategories and ViewAllProducts; an existing assignment is left as is."""
    assert buyer.ID is not None
    mid, c = ctx.marketplace_id, ctx.connection
    catalog_id = buyer.DefaultCatalogID
    if catalog_id is None:
        catalog_id = buyer.ID
        row = {"marketplace_id": mid, "id": catalog_id, "name": buyer.Name, "active": True}
        created = await c.execute(
            insert_if_absent(c.dialect.name, catalogs, row, ["marketplace_id", "id"]).returning(catalogs.c.id)
        )
        if created.first() is None and not await _is_assigned(ctx, catalog_id, buyer.ID):
            raise Conflict(
                "Buyer.DefaultCatalogAlreadyExists",
                f"A catalog {catalog_id} already exists: name one as DefaultCatalogID instead",
                {"CatalogID": catalog_id},
            )
        await c.execute(
            update(buyers)
            .where(buyers.c.marketplace_id == mid, buyers.c.id == buyer.ID)
            .values(default_catalog_id=catalog_id)
        )
        buyer = msgspec.structs.replace(buyer, DefaultCatalogID=catalog_id)
    elif not await c.scalar(select(exists().where(catalogs.c.marketplace_id == mid, catalogs.c.id == catalog_id))):
        raise NotFound("Catalog", catalog_id)
    assignment = {
        "marketplace_id": mid,
        "catalog_id": catalog_id,
        "buyer_id": buyer.ID,
        "view_all_categories": True,
        "view_all_products": True,
    }
    keys = ["marketplace_id", "buyer_id", "catalog_id"]
    await c.execute(insert_if_absent(c.dialect.name, catalog_assignments, assignment, keys))
    return buyer


async def _is_assigned(ctx: RequestContext, catalog_id: str, buyer_id: str) -> bool:
    a = catalog_assignments.c
    assigned = exists().where(
        a.marketplace_id == ctx.marketplace_id, a.catalog_id == catalog_id, a.buyer_id == buyer_id
    )
    return bool(await ctx.connection.scalar(select(assigned)))


async def _follow_rename(ctx: RequestContext, old_id: str, new_id: str | None) -> None:
    """A buyer's users, groups, addresses, cards and assignments name it by ID: they move with it. (What it owns
    outright follows by ON UPDATE CASCADE.)"""
    if new_id is None or new_id == old_id:
        return
    mid, c = ctx.marketplace_id, ctx.connection
    await c.execute(
        update(users)
        .where(users.c.marketplace_id == mid, users.c.user_type == "buyer", users.c.company_id == old_id)
        .values(company_id=new_id)
    )
    await c.execute(
        update(user_groups)
        .where(
            user_groups.c.marketplace_id == mid, user_groups.c.group_type == "buyer", user_groups.c.company_id == old_id
        )
        .values(company_id=new_id)
    )
    for table in (addresses, credit_cards):
        await c.execute(
            update(table)
            .where(table.c.marketplace_id == mid, table.c.owner_type == "buyer", table.c.company_id == old_id)
            .values(company_id=new_id)
        )
    for table in (security_profile_assignments, api_client_assignments):
        await c.execute(
            update(table).where(table.c.marketplace_id == mid, table.c.buyer_id == old_id).values(buyer_id=new_id)
        )
