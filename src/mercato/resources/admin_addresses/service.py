"""Admin addresses: the marketplace owner's own addresses, in the shared ``addresses`` table with
owner_type "admin" and company_id "" (buyer, supplier and private addresses will share it)."""

from __future__ import annotations

from typing import Any

from mercato.context import RequestContext
from mercato.db.tables import addresses
from mercato.listing import ListPage, ListQuery
from mercato.resources.admin_addresses.listing import SPEC
from mercato.resources.admin_addresses.schemas import Address
from mercato.store import Scope, Store

store = Store(
    addresses,
    Address,
    "Address",
    scope=("marketplace_id", "owner_type", "company_id"),
    read_only=frozenset({"DateCreated"}),
)


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "owner_type": "admin", "company_id": ""}


def _server(ctx: RequestContext) -> dict[str, Any]:
    """Read-only values of a new address."""
    return {"date_created": ctx.now}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Address]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))


async def get(ctx: RequestContext, address_id: str) -> Address:
    return await store.get(ctx.connection, _scope(ctx), address_id)


async def create(ctx: RequestContext, address: Address) -> Address:
    return await store.create(ctx.connection, _scope(ctx), address, _server(ctx))


async def save(ctx: RequestContext, address_id: str, address: Address) -> Address:
    return (await store.save(ctx.connection, _scope(ctx), address_id, address, _server(ctx))).item


async def patch(ctx: RequestContext, address_id: str, changes: dict[str, Any]) -> Address:
    return await store.patch(ctx.connection, _scope(ctx), address_id, changes)


async def delete(ctx: RequestContext, address_id: str) -> None:
    await store.delete(ctx.connection, _scope(ctx), address_id)
