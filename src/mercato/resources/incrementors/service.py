"""Incrementors: named counters that fill ``{ID}`` placeholders in writable IDs (the mechanism is mercato.ids)."""

from __future__ import annotations

from typing import Any

from mercato.context import RequestContext
from mercato.db.tables import incrementors
from mercato.listing import ListPage, ListQuery
from mercato.resources.incrementors.listing import SPEC
from mercato.resources.incrementors.schemas import Incrementor
from mercato.store import Scope, Store

store = Store(incrementors, Incrementor, "Incrementor")


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[Incrementor]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))


async def get(ctx: RequestContext, incrementor_id: str) -> Incrementor:
    return await store.get(ctx.connection, _scope(ctx), incrementor_id)


async def create(ctx: RequestContext, incrementor: Incrementor) -> Incrementor:
    return await store.create(ctx.connection, _scope(ctx), incrementor)


async def save(ctx: RequestContext, incrementor_id: str, incrementor: Incrementor) -> Incrementor:
    return (await store.save(ctx.connection, _scope(ctx), incrementor_id, incrementor)).item


async def patch(ctx: RequestContext, incrementor_id: str, changes: dict[str, Any]) -> Incrementor:
    return await store.patch(ctx.connection, _scope(ctx), incrementor_id, changes)


async def delete(ctx: RequestContext, incrementor_id: str) -> None:
    await store.delete(ctx.connection, _scope(ctx), incrementor_id)
