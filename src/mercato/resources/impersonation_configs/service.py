"""Impersonation configs: CRUD, with the referenced profile and client checked and no two configs covering the
same impersonator, impersonatee and client (ImpersonationConfig.ConflictingImpersonationConfigExists)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select

from mercato.context import RequestContext
from mercato.db.tables import api_clients, impersonation_configs, security_profiles
from mercato.errors import BadRequest, Conflict, NotFound
from mercato.listing import ListPage, ListQuery
from mercato.resources.impersonation_configs.listing import SPEC
from mercato.resources.impersonation_configs.schemas import ImpersonationConfig
from mercato.store import Scope, Store, column_name

store = Store(impersonation_configs, ImpersonationConfig, "ImpersonationConfig")
c = impersonation_configs.c
PARTY_FIELDS = (
    "ImpersonationBuyerID",
    "ImpersonationGroupID",
    "ImpersonationUserID",
    "BuyerID",
    "GroupID",
    "UserID",
    "ClientID",
)


def _scope(ctx: RequestContext) -> Scope:
    return {"marketplace_id": ctx.marketplace_id}


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[ImpersonationConfig]:
    return await store.list(ctx.connection, SPEC, query, store.select(_scope(ctx)))


async def get(ctx: RequestContext, config_id: str) -> ImpersonationConfig:
    return await store.get(ctx.connection, _scope(ctx), config_id)


async def create(ctx: RequestContext, config: ImpersonationConfig) -> ImpersonationConfig:
    await _check(ctx, config, None)
    return await store.create(ctx.connection, _scope(ctx), config)


async def save(ctx: RequestContext, config_id: str, config: ImpersonationConfig) -> ImpersonationConfig:
    await _check(ctx, config, config_id)
    return (await store.save(ctx.connection, _scope(ctx), config_id, config)).item


async def patch(ctx: RequestContext, config_id: str, changes: dict[str, Any]) -> ImpersonationConfig:
    merged = await store.merged(ctx.connection, _scope(ctx), config_id, changes)
    await _check(ctx, merged, config_id)
    return await store.patch(ctx.connection, _scope(ctx), config_id, changes)


async def delete(ctx: RequestContext, config_id: str) -> None:
    await store.delete(ctx.connection, _scope(ctx), config_id)


async def _check(ctx: RequestContext, config: ImpersonationConfig, own_id: str | None) -> None:
    mid = ctx.marketplace_id
    if (config.GroupID or config.UserID) and not config.BuyerID:
        raise BadRequest(
            "PartyAssignment.RequiresBuyer", "GroupID and UserID name a buyer's group or user: BuyerID is required"
        )
    profile = await ctx.connection.scalar(
        select(
            exists().where(
                security_profiles.c.marketplace_id == mid, security_profiles.c.id == config.SecurityProfileID
            )
        )
    )
    if not profile:
        raise NotFound("SecurityProfile", config.SecurityProfileID)
    client = await ctx.connection.scalar(
        select(exists().where(api_clients.c.marketplace_id == mid, api_clients.c.id == config.ClientID))
    )
    if not client:
        raise NotFound("ApiClient", config.ClientID)
    same = [
        c[name] == value if (value := getattr(config, field)) is not None else c[name].is_(None)
        for field, name in ((f, _column(f)) for f in PARTY_FIELDS)
    ]
    others = select(exists().where(c.marketplace_id == mid, *same, c.id != own_id if own_id else c.id.is_not(None)))
    if await ctx.connection.scalar(others):
        raise Conflict(
            "ImpersonationConfig.ConflictingImpersonationConfigExists",
            "Another impersonation config covers the same impersonator, impersonatee and client",
        )


def _column(field: str) -> str:
    return column_name(field)
