from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.credit_cards import service
from mercato.resources.credit_cards.access import ACCESS
from mercato.resources.credit_cards.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.credit_cards.schemas import CreditCard, CreditCardAssignment
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{creditCardID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as a card ID)."""


@get("", opt=ACCESS.opt("CreditCards.List"))
async def list_credit_cards(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[CreditCard]:
    return await service.list_(ctx, buyerID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("CreditCards.Create"))
async def create_credit_card(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[CreditCard]:
    item = await service.create(ctx, buyerID, await read_json(request, CreditCard))
    return created(item, f"/v1/buyers/{buyerID}/creditcards/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("CreditCards.ListAssignments"))
async def list_credit_card_assignments(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]
) -> ListPage[CreditCardAssignment]:
    return await service.list_assignments(ctx, buyerID, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("CreditCards.SaveAssignment"))
async def save_credit_card_assignment(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> None:
    await service.save_assignment(ctx, buyerID, await read_json(request, CreditCardAssignment))


@get(ITEM, opt=ACCESS.opt("CreditCards.Get"))
async def get_credit_card(ctx: Ctx, buyerID: FromPath[str], creditCardID: FromPath[str]) -> CreditCard:
    return await service.get(ctx, buyerID, creditCardID)


@put(ITEM, opt=ACCESS.opt("CreditCards.Save"))
async def save_credit_card(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], creditCardID: FromPath[str]
) -> CreditCard:
    return await service.save(ctx, buyerID, creditCardID, await read_json(request, CreditCard))


@patch(ITEM, opt=ACCESS.opt("CreditCards.Patch"))
async def patch_credit_card(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], creditCardID: FromPath[str]
) -> CreditCard:
    return await service.patch(ctx, buyerID, creditCardID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("CreditCards.Delete"))
async def delete_credit_card(ctx: Ctx, buyerID: FromPath[str], creditCardID: FromPath[str]) -> None:
    await service.delete(ctx, buyerID, creditCardID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("CreditCards.DeleteAssignment"))
async def delete_credit_card_assignment(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], creditCardID: FromPath[str]
) -> None:
    await service.delete_assignment(ctx, buyerID, creditCardID, dict(query_pairs(request)))


router = Router(
    "/buyers/{buyerID:str}/creditcards",
    route_handlers=[
        list_credit_cards,
        create_credit_card,
        list_credit_card_assignments,
        save_credit_card_assignment,
        get_credit_card,
        save_credit_card,
        patch_credit_card,
        delete_credit_card,
        delete_credit_card_assignment,
    ],
)
