"""The marketplace owner's users (``/adminusers``): the shared accounts behaviour for the admin party."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.accounts import users
from mercato.accounts.schemas import User
from mercato.accounts.users import ADMINS
from mercato.listing import ListPage
from mercato.resources.admin_users.access import ACCESS
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{userID:str}"


@get("", opt=ACCESS.opt("AdminUsers.List"))
async def list_admin_users(ctx: Ctx, request: AnyRequest) -> ListPage[User]:
    return await users.list_users(ctx, ADMINS, list_query(request, users.SPEC))


@post("", opt=ACCESS.opt("AdminUsers.Create"))
async def create_admin_user(ctx: Ctx, request: AnyRequest) -> Response[User]:
    user = await users.create_user(ctx, ADMINS, await read_json(request, User))
    return created(user, f"/v1/adminusers/{user.ID}")


@get(ITEM, opt=ACCESS.opt("AdminUsers.Get"))
async def get_admin_user(ctx: Ctx, userID: FromPath[str]) -> User:
    return await users.get_user(ctx, ADMINS, userID)


@put(ITEM, opt=ACCESS.opt("AdminUsers.Save"))
async def save_admin_user(ctx: Ctx, request: AnyRequest, userID: FromPath[str]) -> User:
    return await users.save_user(ctx, ADMINS, userID, await read_json(request, User))


@patch(ITEM, opt=ACCESS.opt("AdminUsers.Patch"))
async def patch_admin_user(ctx: Ctx, request: AnyRequest, userID: FromPath[str]) -> User:
    return await users.patch_user(ctx, ADMINS, userID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("AdminUsers.Delete"))
async def delete_admin_user(ctx: Ctx, userID: FromPath[str]) -> None:
    await users.delete_user(ctx, ADMINS, userID)


@delete(ITEM + "/tokens", opt=ACCESS.opt("AdminUsers.RevokeUserTokens"))
async def revoke_admin_user_tokens(ctx: Ctx, userID: FromPath[str]) -> None:
    await users.revoke_tokens(ctx, ADMINS, userID)


@post(ITEM + "/unlock", status_code=204, opt=ACCESS.opt("AdminUsers.UnlockUserAccount"))
async def unlock_admin_user(ctx: Ctx, userID: FromPath[str]) -> None:
    await users.unlock_user(ctx, ADMINS, userID)


router = Router(
    "/adminusers",
    route_handlers=[
        list_admin_users,
        create_admin_user,
        get_admin_user,
        save_admin_user,
        patch_admin_user,
        delete_admin_user,
        revoke_admin_user_tokens,
        unlock_admin_user,
    ],
)
