"""The caller's own user record (``/me``): read with any token; written with MeAdmin, and xp only with
MeXpAdmin (``User.XPNotAllowed`` otherwise). Temporary (anonymous) users cannot change themselves."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlalchemy import select, update

from mercato.accounts import groups, users
from mercato.accounts.schemas import User, UserGroup
from mercato.accounts.users import Party
from mercato.auth.profiles import Member
from mercato.auth.roles import Role
from mercato.context import RequestContext, UserType
from mercato.db.tables import buyers, user_group_assignments, user_groups
from mercato.db.tables import users as users_table
from mercato.errors import Forbidden
from mercato.listing import ListPage, ListQuery
from mercato.resources.me.schemas import ME_READ_ONLY, MeBuyer, MeSeller, MeSupplier, MeUser


def _party(ctx: RequestContext) -> Party:
    return Party(ctx.caller.user_type, ctx.caller.company_id)


async def get(ctx: RequestContext) -> MeUser:
    return await _me(ctx, await users.get_user(ctx, _party(ctx), ctx.caller.user_id))


async def save(ctx: RequestContext, body: MeUser) -> MeUser:
    _refuse_anonymous(ctx)
    current = await users.get_user(ctx, _party(ctx), ctx.caller.user_id)
    _check_xp(ctx, current.xp, body.xp)
    return await _me(ctx, await users.save_user(ctx, _party(ctx), ctx.caller.user_id, _as_user(body)))


async def patch(ctx: RequestContext, changes: dict[str, Any]) -> MeUser:
    _refuse_anonymous(ctx)
    if "xp" in changes:
        current = await users.get_user(ctx, _party(ctx), ctx.caller.user_id)
        _check_xp(ctx, current.xp, changes["xp"], patching=True)
    sent = {key: value for key, value in changes.items() if key not in ME_READ_ONLY}
    return await _me(ctx, await users.patch_user(ctx, _party(ctx), ctx.caller.user_id, sent))


async def reset_password(ctx: RequestContext, new_password: str) -> None:
    _refuse_anonymous(ctx)
    member = Member(ctx.caller.uid, ctx.caller.user_id, ctx.caller.user_type, ctx.caller.company_id)
    columns = await users.password_columns(ctx, member, new_password)
    await ctx.connection.execute(
        update(users_table)
        .where(users_table.c.marketplace_id == ctx.marketplace_id, users_table.c.uid == ctx.caller.uid)
        .values(**columns)
    )


async def revoke_tokens(ctx: RequestContext) -> None:
    await users.revoke_tokens_of(ctx.connection, ctx.marketplace_id, ctx.caller.uid)


async def _me(ctx: RequestContext, user: User) -> MeUser:
    caller = ctx.caller
    buyer = None
    if caller.user_type is UserType.BUYER:
        default_catalog = await ctx.connection.scalar(
            select(buyers.c.default_catalog_id).where(
                buyers.c.marketplace_id == ctx.marketplace_id, buyers.c.id == caller.company_id
            )
        )
        buyer = MeBuyer(ID=caller.company_id, DefaultCatalogID=default_catalog)
    return MeUser(
        **msgspec.structs.asdict(user),
        Buyer=buyer,
        Supplier=MeSupplier(ID=caller.company_id) if caller.user_type is UserType.SUPPLIER else None,
        Seller=MeSeller(ID=ctx.marketplace_id) if caller.user_type is UserType.ADMIN else None,
    )


def _as_user(body: MeUser) -> User:
    fields = {f.name for f in msgspec.structs.fields(User)}
    return User(**{key: value for key, value in msgspec.structs.asdict(body).items() if key in fields})


def _check_xp(ctx: RequestContext, current: Any, sent: Any, *, patching: bool = False) -> None:
    roles = ctx.caller.roles
    if Role.MeXpAdmin in roles or Role.FullAccess in roles:
        return
    if (patching and sent) or (not patching and sent != current):
        raise Forbidden("User.XPNotAllowed", "Changing your own xp needs the MeXpAdmin role", {"Field": "xp"})


def _refuse_anonymous(ctx: RequestContext) -> None:
    if ctx.caller.is_anonymous:
        raise Forbidden("Auth.AnonUserProhibited", "Anonymous users cannot do this; register first")


async def list_user_groups(ctx: RequestContext, query: ListQuery) -> ListPage[UserGroup]:
    """The groups the caller belongs to."""
    party = _party(ctx)
    mine = select(user_group_assignments.c.user_group_id).where(
        user_group_assignments.c.marketplace_id == ctx.marketplace_id,
        user_group_assignments.c.user_uid == ctx.caller.uid,
    )
    base = groups.store.select(groups.scope(ctx, party)).where(user_groups.c.id.in_(mine))
    return await groups.store.list(ctx.connection, groups.SPEC, query, base)
