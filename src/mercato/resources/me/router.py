"""``/me``: the caller's own user. (Addresses, products, orders … under /me arrive with their resources.)"""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, delete, get, patch, post, put

from mercato.resources.me import service
from mercato.resources.me.access import ACCESS
from mercato.resources.me.schemas import MeUser, TokenPasswordReset
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx

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


router = Router("/me", route_handlers=[get_me, save_me, patch_me, reset_my_password, revoke_my_tokens])
