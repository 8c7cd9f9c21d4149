from __future__ import annotations

from typing import Any

from litestar import Request, Response, Router, delete, get, patch, post, put
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.spending_accounts import service
from mercato.resources.spending_accounts.access import ACCESS
from mercato.resources.spending_accounts.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.spending_accounts.schemas import SpendingAccount, SpendingAccountAssignment
from mercato.web.body import read_json, read_object
from mercato.web.guard import Ctx
from mercato.web.query import list_query, query_pairs
from mercato.web.responses import created

AnyRequest = Request[Any, Any, Any]
ITEM = "/{spendingAccountID:str}"
ASSIGNMENTS = "/assignments"
"""A literal segment, so it wins over ITEM (the service refuses "assignments" as an account ID)."""


@get("", opt=ACCESS.opt("SpendingAccounts.List"))
async def list_spending_accounts(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> ListPage[SpendingAccount]:
    return await service.list_(ctx, buyerID, list_query(request, SPEC))


@post("", opt=ACCESS.opt("SpendingAccounts.Create"))
async def create_spending_account(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> Response[SpendingAccount]:
    item = await service.create(ctx, buyerID, await read_json(request, SpendingAccount))
    return created(item, f"/v1/buyers/{buyerID}/spendingaccounts/{item.ID}")


@get(ASSIGNMENTS, opt=ACCESS.opt("SpendingAccounts.ListAssignments"))
async def list_spending_account_assignments(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]
) -> ListPage[SpendingAccountAssignment]:
    return await service.list_assignments(ctx, buyerID, list_query(request, ASSIGNMENT_SPEC))


@post(ASSIGNMENTS, status_code=204, opt=ACCESS.opt("SpendingAccounts.SaveAssignment"))
async def save_spending_account_assignment(ctx: Ctx, request: AnyRequest, buyerID: FromPath[str]) -> None:
    await service.save_assignment(ctx, buyerID, await read_json(request, SpendingAccountAssignment))


@get(ITEM, opt=ACCESS.opt("SpendingAccounts.Get"))
async def get_spending_account(ctx: Ctx, buyerID: FromPath[str], spendingAccountID: FromPath[str]) -> SpendingAccount:
    return await service.get(ctx, buyerID, spendingAccountID)


@put(ITEM, opt=ACCESS.opt("SpendingAccounts.Save"))
async def save_spending_account(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], spendingAccountID: FromPath[str]
) -> SpendingAccount:
    return await service.save(ctx, buyerID, spendingAccountID, await read_json(request, SpendingAccount))


@patch(ITEM, opt=ACCESS.opt("SpendingAccounts.Patch"))
async def patch_spending_account(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], spendingAccountID: FromPath[str]
) -> SpendingAccount:
    return await service.patch(ctx, buyerID, spendingAccountID, await read_object(request))


@delete(ITEM, opt=ACCESS.opt("SpendingAccounts.Delete"))
async def delete_spending_account(ctx: Ctx, buyerID: FromPath[str], spendingAccountID: FromPath[str]) -> None:
    await service.delete(ctx, buyerID, spendingAccountID)


@delete(ITEM + ASSIGNMENTS, opt=ACCESS.opt("SpendingAccounts.DeleteAssignment"))
async def delete_spending_account_assignment(
    ctx: Ctx, request: AnyRequest, buyerID: FromPath[str], spendingAccountID: FromPath[str]
) -> None:
    await service.delete_assignment(ctx, buyerID, spendingAccountID, dict(query_pairs(request)))


router = Router(
    "/buyers/{buyerID:str}/spendingaccounts",
    route_handlers=[
        list_spending_accounts,
        create_spending_account,
        list_spending_account_assignments,
        save_spending_account_assignment,
        get_spending_account,
        save_spending_account,
        patch_spending_account,
        delete_spending_account,
        delete_spending_account_assignment,
    ],
)
