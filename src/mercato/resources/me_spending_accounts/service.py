"""``/me/spendingaccounts``: the spending accounts a buyer user may use now — assigned to its buyer, to one of its
groups or to the user, and within their dates. Expired accounts (EndDate passed) are hidden, as OrderCloud does
(SEMANTICS.md §3.3), and so are accounts whose StartDate is still ahead: neither can pay (docs/decisions/0012)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_

from mercato.accounts.buyer_assignments import assigned_to
from mercato.context import RequestContext
from mercato.db.tables import spending_account_assignments, spending_accounts
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery
from mercato.resources.spending_accounts.listing import SPEC
from mercato.resources.spending_accounts.schemas import SpendingAccount
from mercato.resources.spending_accounts.service import scope, store

c = spending_accounts.c
a = spending_account_assignments.c


def _visible(ctx: RequestContext) -> Select[Any]:
    """One query: each account once however many of its assignments reach the caller (EXISTS, not a join)."""
    return store.select(scope(ctx, ctx.caller.company_id)).where(
        assigned_to(ctx.caller, spending_account_assignments, a.spending_account_id == c.id),
        or_(c.start_date.is_(None), c.start_date <= ctx.now),
        or_(c.end_date.is_(None), c.end_date > ctx.now),
    )


async def list_(ctx: RequestContext, query: ListQuery) -> ListPage[SpendingAccount]:
    return await store.list(ctx.connection, SPEC, query, _visible(ctx))


async def get(ctx: RequestContext, account_id: str) -> SpendingAccount:
    row = (await ctx.connection.execute(_visible(ctx).where(c.id == account_id))).first()
    if row is None:
        raise NotFound("SpendingAccount", account_id)
    return store.from_row(row)
