"""``/me/creditcards``: the caller's credit cards (the Me resource's card operations)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.credit_cards.schemas import BuyerCreditCard
from mercato.resources.me_credit_cards import service
from mercato.resources.me_credit_cards.access import ACCESS
from mercato.resources.me_credit_cards.listing import SPEC
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{creditcardID:str}"


@get("", opt=ACCESS.opt("Me.ListCreditCards"))
async def list_my_credit_cards(ctx: Ctx, request: AnyRequest) -> ListPage[BuyerCreditCard]:
    return await service.list_(ctx, list_query(request, SPEC))


@post("", opt=ACCESS.opt("Me.CreateCreditCard"))
async def create_my_credit_card(ctx: Ctx, request: AnyRequest) -> Response[BuyerCreditCard]:
    item = await service.create(ctx, await read_json(request, BuyerCreditCard))
    return created(item, f"/v1/me/creditcards/{item.ID}")


@get(ITEM, opt=ACCESS.opt("Me.GetCreditCard"))
async def get_my_credit_card(ctx: Ctx, creditcardID: FromPath[str]) -> BuyerCreditCard:
    return await service.get(ctx, creditcardID)


@put(ITEM, opt=ACCESS.opt("Me.SaveCreditCard"))
async def save_my_credit_card(ctx: Ctx, request: AnyRequest, creditcardID: FromPath[str]) -> BuyerCreditCard:
    return await service.save(ctx, creditcardID, await read_json(request, BuyerCreditCard))


@patch(ITEM, status_code=204, opt=ACCESS.opt("Me.PatchCreditCard"))
async def patch_my_credit_card(ctx: Ctx, request: AnyRequest, creditcardID: FromPath[str]) -> None:
    await service.patch(ctx, creditcardID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("Me.DeleteCreditCard"))
async def delete_my_credit_card(ctx: Ctx, creditcardID: FromPath[str]) -> None:
    await service.delete(ctx, creditcardID)


router = Router(
    "/me/creditcards",
    route_handlers=[
        list_my_credit_cards,
        create_my_credit_card,
        get_my_credit_card,
        save_my_credit_card,
        patch_my_credit_card,
        delete_my_credit_card,
    ],
)
