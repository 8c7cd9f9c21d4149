"""``/me/spendingaccounts``: the caller's spending accounts. (The SDKs list them at ``/me/spendingAccounts``;
routing ignores the case of literal segments.)"""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, get
from litestar.params import FromPath

from mercato.listing import ListPage
from mercato.resources.me_spending_accounts import service
from mercato.resources.me_spending_accounts.access import ACCESS
from mercato.resources.spending_accounts.listing import SPEC
from mercato.resources.spending_accounts.schemas import SpendingAccount
from mercato.web.guard import Ctx
from mercato.web.query import list_query

AnyRequest = Request[Any, Any, Any]


@get("", opt=ACCESS.opt("Me.ListSpendingAccounts"))
async def list_my_spending_accounts(ctx: Ctx, request: AnyRequest) -> ListPage[SpendingAccount]:
    return await service.list_(ctx, list_query(request, SPEC))


@get("/{spendingAccountID:str}", opt=ACCESS.opt("Me.GetSpendingAccount"))
async def get_my_spending_account(ctx: Ctx, spendingAccountID: FromPath[str]) -> SpendingAccount:
    return await service.get(ctx, spendingAccountID)


router = Router("/me/spendingaccounts", route_handlers=[list_my_spending_accounts, get_my_spending_account])
