"""``/me``: the caller's own user. (Addresses, products, orders … under /me arrive with their resources.)"""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, delete, get, patch, post, put

from mercato.accounts import groups
from mercato.accounts.schemas import UserGroup
from mercato.listing import ListPage
from mercato.resources.me import service
from mercato.resources.me.access import ACCESS
from mercato.resources.me.registration import AccessTokenBasic, register
from mercato.resources.me.schemas import MeUser, TokenPasswordReset
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.services import services_of

AnyRequest = Request[Any, Any, Any]


@get("", opt=ACCESS.opt("Me.Get"))
async def get_me(ctx: Ctx) -> MeUser:
    return await service.get(ctx)


@put("", opt=ACCESS.opt("Me.Save"))
async def save_me(ctx: Ctx, request: AnyRequest) -> MeUser:
    return await service.save(ctx, await read_json(request, MeUser))


@patch("", opt=ACCESS.opt("Me.Patch"))
async def patch_me(ctx: Ctx, request: AnyRequest) -> MeUser:
    return await service.patch(ctx, await read_object(request))


@post("/password", status_code=204, opt=ACCESS.opt("Me.ResetPasswordByToken"))
async def reset_my_password(ctx: Ctx, request: AnyRequest) -> None:
    await service.reset_password(ctx, (await read_json(request, TokenPasswordReset)).NewPassword)


@delete("/tokens", opt=ACCESS.opt("Me.RevokeTokens"))
async def revoke_my_tokens(ctx: Ctx) -> None:
    await service.revoke_tokens(ctx)


@get("/usergroups", opt=ACCESS.opt("Me.ListUserGroups"))
async def list_my_user_groups(ctx: Ctx, request: AnyRequest) -> ListPage[UserGroup]:
    return await service.list_user_groups(ctx, list_query(request, groups.SPEC))


@put("/register", opt=ACCESS.opt("Me.Register"))
async def register_me(ctx: Ctx, request: AnyRequest) -> AccessTokenBasic:
    anon_token = dict(query_pairs(request)).get("anonUserToken", "")
    services = services_of(request)
    body = await read_json(request, MeUser)
    return await register(ctx, body, anon_token, services.keyring, services.settings.issuer)


router = Router(
    "/me",
    route_handlers=[
        get_me,
        save_me,
        patch_me,
        reset_my_password,
        revoke_my_tokens,
        list_my_user_groups,
        register_me,
    ],
)
