"""``PUT /me/register``: an anonymous shopper becomes a registered user of the same buyer.

The temporary user row is turned into the new user in place, so whatever was tied to it (its internal uid, and
later its orders) simply stays with the registered user. The anonymous token stops working (the token
generation moves on) and the answer carries a token for the new user."""

from __future__ import annotations

import msgspec
from sqlalchemy import select, update

from mercato.accounts import users
from mercato.accounts.users import Party
from mercato.auth import tokens
from mercato.auth.keys import KeyRing
from mercato.auth.profiles import Member, grants_of
from mercato.context import RequestContext
from mercato.db.tables import api_clients
from mercato.db.tables import users as users_table
from mercato.errors import BadRequest, ErrorCode, Unauthorized
from mercato.ids import check_id, generate_id
from mercato.resources.me.schemas import MeUser


class AccessTokenBasic(msgspec.Struct):
    access_token: str


async def register(
    ctx: RequestContext, body: MeUser, anon_token: str, keyring: KeyRing, issuer: str
) -> AccessTokenBasic:
    caller = ctx.caller
    if not caller.is_anonymous:
        raise BadRequest("User.IsNotTemp", "Only an anonymous (temporary) user can register")
    try:
        claims = await tokens.verify(keyring, anon_token, issuer=issuer)
    except Unauthorized:
        claims = None
    if claims is None or claims.user_uid != caller.uid:
        raise BadRequest("Auth.MustPassAnonUserToken", "anonUserToken must be this anonymous user's token")
    if body.Password is None:
        raise BadRequest(ErrorCode.VALIDATION_FAILURE, "A password is required to register", {"Field": "Password"})
    new_id = check_id(body.ID) if body.ID else generate_id()
    party = Party(caller.user_type, caller.company_id)
    await users.check_username(ctx.connection, ctx.marketplace_id, body.Username, caller.uid)
    if await users.user_exists(ctx.connection, ctx.marketplace_id, party, new_id):
        raise BadRequest("IdExists", f"User {new_id} already exists", {"ObjectType": "User", "ObjectID": new_id})
    member = Member(caller.uid, new_id, caller.user_type, caller.company_id)
    password = await users.password_columns(ctx, member, body.Password)
    u = users_table.c
    await ctx.connection.execute(
        update(users_table)
        .where(u.marketplace_id == ctx.marketplace_id, u.uid == caller.uid)
        .values(
            id=new_id,
            username=body.Username,
            username_key=body.Username.lower(),
            first_name=body.FirstName,
            last_name=body.LastName,
            email=body.Email,
            phone=body.Phone,
            terms_accepted=body.TermsAccepted,
            active=body.Active,
            xp=body.xp,
            is_temp=False,
            template_uid=None,
            token_generation=u.token_generation + 1,
            date_created=ctx.now,
            last_active=ctx.now,
            **password,
        )
    )
    generation = await ctx.connection.scalar(
        select(u.token_generation).where(u.marketplace_id == ctx.marketplace_id, u.uid == caller.uid)
    )
    minutes = await ctx.connection.scalar(
        select(api_clients.c.access_token_duration).where(api_clients.c.id == caller.client_id)
    )
    grants = await grants_of(ctx.connection, ctx.marketplace_id, member)
    access = await tokens.issue(
        keyring,
        issuer=issuer,
        username=body.Username,
        client_id=caller.client_id,
        user_uid=caller.uid,
        user_type=caller.user_type,
        roles=grants.available,
        generation=int(generation or 0),
        lifetime_seconds=int(minutes or 60) * 60,
    )
    return AccessTokenBasic(access)
