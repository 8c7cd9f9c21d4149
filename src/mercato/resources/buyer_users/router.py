"""A buyer's users (``/buyers/{buyerID}/users``) and every buyer's users at once (``/buyerusers``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.accounts import users
from mercato.accounts.schemas import User
from mercato.accounts.users import Party
from mercato.auth.visibility import require_buyer
from mercato.context import UserType
from mercato.errors import ValidationFailure
from mercato.listing import ListPage
from mercato.orders import ownership
from mercato.resources.buyer_users.access import ACCESS, ACROSS, IMPERSONATION
from mercato.resources.buyer_users.impersonation import impersonate
from mercato.resources.buyer_users.schemas import AccessToken
from mercato.resources.impersonation_configs.schemas import ImpersonateTokenRequest
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created
from mercato.web.services import services_of

AnyRequest = Request[Any, Any, Any]
ITEM = "/{userID:str}"
ORDER_MOVE_OPTIONS = ("None", "Unsubmitted", "All")


def buyer(buyer_id: str) -> Party:
    return Party(UserType.BUYER, buyer_id)


@get("", opt=ACCESS.opt("Users.List"))
async def list_buyer_users(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[User]:
    return await users.list_users(ctx, buyer(buyerID), list_query(request, users.COMPANY_SPEC))


@post("", opt=ACCESS.opt("Users.Create"))
async def create_buyer_user(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[User]:
    user = await users.create_user(ctx, buyer(buyerID), await read_json(request, User))
    return created(user, f"/v1/buyers/{buyerID}/users/{user.ID}")


@get(ITEM, opt=ACCESS.opt("Users.Get"))
async def get_buyer_user(ctx: Ctx, buyerID: FromPath[str], userID: FromPath[str]) -> User:
    return await users.get_user(ctx, buyer(buyerID), userID)


@put(ITEM, opt=ACCESS.opt("Users.Save"))
async def save_buyer_user(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userID: FromPath[str]) -> User:
    return await users.save_user(ctx, buyer(buyerID), userID, await read_json(request, User))


@patch(ITEM, opt=ACCESS.opt("Users.Patch"))
async def patch_buyer_user(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userID: FromPath[str]) -> User:
    return await users.patch_user(ctx, buyer(buyerID), userID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Users.Delete"))
async def delete_buyer_user(ctx: Ctx, buyerID: FromPath[str], userID: FromPath[str]) -> None:
    uid = await users.find_uid(ctx.connection, ctx.marketplace_id, buyer(buyerID), userID)
    await ownership.user_deleted(ctx.connection, ctx.marketplace_id, uid, userID)
    await users.delete_user(ctx, buyer(buyerID), userID)


@post(ITEM + "/moveto/{newBuyerID:str}", opt=ACCESS.opt("Users.Move"))
async def move_buyer_user(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userID: FromPath[str], newBuyerID: FromPath[str]
) -> Response[User]:
    orders = dict(query_pairs(request)).get("orders", "None")
    if orders not in ORDER_MOVE_OPTIONS:
        raise ValidationFailure(f"orders must be one of {', '.join(ORDER_MOVE_OPTIONS)}", "orders")
    await require_buyer(ctx.connection, ctx.caller, newBuyerID)
    uid = await users.find_uid(ctx.connection, ctx.marketplace_id, buyer(buyerID), userID)
    user = await users.move_user(ctx, buyer(buyerID), userID, newBuyerID)
    await ownership.user_moved(ctx.connection, ctx.marketplace_id, uid, buyerID, newBuyerID, orders)
    return created(user, f"/v1/buyers/{newBuyerID}/users/{user.ID}")


@delete(ITEM + "/tokens", opt=ACCESS.opt("Users.RevokeUserTokens"))
async def revoke_buyer_user_tokens(ctx: Ctx, buyerID: FromPath[str], userID: FromPath[str]) -> None:
    await users.revoke_tokens(ctx, buyer(buyerID), userID)


@post(ITEM + "/unlock", status_code=204, opt=ACCESS.opt("Users.UnlockUserAccount"))
async def unlock_buyer_user(ctx: Ctx, buyerID: FromPath[str], userID: FromPath[str]) -> None:
    await users.unlock_user(ctx, buyer(buyerID), userID)


@post(
    "/buyers/{buyerID:str}/users/{userID:str}/accesstoken",
    status_code=200,
    opt=IMPERSONATION.opt("Users.GetAccessToken"),
)
async def get_buyer_user_access_token(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], userID: FromPath[str]
) -> AccessToken:
    services = services_of(request)
    body = await read_json(request, ImpersonateTokenRequest)
    return await impersonate(ctx, buyerID, userID, body, services.keyring, services.settings.issuer)


@get("/buyerusers", opt=ACROSS.opt("Users.ListAcrossBuyers"))
async def list_users_across_buyers(ctx: Ctx, request: AnyRequest) -> ListPage[User]:
    return await users.list_users_across(ctx, UserType.BUYER, list_query(request, users.ACROSS_SPEC))


router = Router(
    "/buyers/{buyerID:str}/users",
    route_handlers=[
        list_buyer_users,
        create_buyer_user,
        get_buyer_user,
        save_buyer_user,
        patch_buyer_user,
        delete_buyer_user,
        move_buyer_user,
        revoke_buyer_user_tokens,
        unlock_buyer_user,
    ],
)
across_router = Router("", route_handlers=[list_users_across_buyers, get_buyer_user_access_token])
