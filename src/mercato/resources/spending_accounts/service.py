"""A buyer's spending accounts (``/buyers/{buyerID}/spendingaccounts``) and their assignments to the buyer, its
groups and its users (with AllowExceed: the balance may go negative for that party)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from sqlalchemy import Row, exists, select
from sqlalchemy import delete as delete_from
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import (
    party_filters,
    party_of,
    party_of_query,
    refuse_search,
    require_party,
    shown,
)
from mercato.codec import utc_field
from mercato.context import RequestContext
from mercato.db.dialect import upsert
from mercato.db.tables import spending_account_assignments, spending_accounts
from mercato.errors import Conflict, NotFound, ValidationFailure
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.orders.payments import spending_account_in_use, spending_account_renamed
from mercato.resources.spending_accounts.listing import ASSIGNMENT_SPEC, SPEC
from mercato.resources.spending_accounts.schemas import SpendingAccount, SpendingAccountAssignment, money
from mercato.store import Scope, Store

ASSIGNMENTS_SEGMENT = "assignments"
"""The literal route segment beside /spendingaccounts/{ID}: an account with this ID could not be addressed."""

c = spending_accounts.c
t = spending_account_assignments
a = spending_account_assignments.c


class _AccountStore(Store[SpendingAccount]):
    """Balance is NUMERIC in the database and a JSON number (float) on the wire."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> SpendingAccount:
        account = super().from_row(row)
        account.Balance = float(account.Balance) + 0.0  # + 0.0: no negative zero
        return account


store = _AccountStore(
    spending_accounts,
    SpendingAccount,
    "SpendingAccount",
    scope=("marketplace_id", "buyer_id"),
    derived=lambda account: {"balance": money(account.Balance)},
)


def scope(ctx: RequestContext, buyer_id: str) -> Scope:
    return {"marketplace_id": ctx.marketplace_id, "buyer_id": buyer_id}


async def list_(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[SpendingAccount]:
    return await store.list(ctx.connection, SPEC, query, store.select(scope(ctx, buyer_id)))


async def get(ctx: RequestContext, buyer_id: str, account_id: str) -> SpendingAccount:
    return await store.get(ctx.connection, scope(ctx, buyer_id), account_id)


async def create(ctx: RequestContext, buyer_id: str, account: SpendingAccount) -> SpendingAccount:
    _check_id(account.ID)
    account = await _checked(ctx.connection, scope(ctx, buyer_id), account, None)
    return await store.create(ctx.connection, scope(ctx, buyer_id), account)


async def save(ctx: RequestContext, buyer_id: str, account_id: str, account: SpendingAccount) -> SpendingAccount:
    """Create or replace (Balance included: an absolute value, written in one UPDATE). A new ID in the body renames
    the account: its assignments follow (ON UPDATE CASCADE), and so do the payments that name it."""
    _check_id(account.ID)
    account = await _checked(ctx.connection, scope(ctx, buyer_id), account, account_id)
    saved = (await store.save(ctx.connection, scope(ctx, buyer_id), account_id, account)).item
    await _follow_rename(ctx, buyer_id, account_id, saved)
    return saved


async def patch(ctx: RequestContext, buyer_id: str, account_id: str, changes: dict[str, Any]) -> SpendingAccount:
    """The row is locked before it is read, so the balance written back is the current one even when an order
    changes it concurrently (no lost update)."""
    _check_id(changes.get("ID"))
    where = store.key(scope(ctx, buyer_id), account_id)
    await ctx.connection.execute(select(c.id).where(*where).with_for_update())
    merged = await store.merged(ctx.connection, scope(ctx, buyer_id), account_id, changes)
    account = await _checked(ctx.connection, scope(ctx, buyer_id), merged, account_id)
    saved = (await store.save(ctx.connection, scope(ctx, buyer_id), account_id, account)).item
    await _follow_rename(ctx, buyer_id, account_id, saved)
    return saved


async def _follow_rename(ctx: RequestContext, buyer_id: str, old_id: str, saved: SpendingAccount) -> None:
    if saved.ID is not None:
        await spending_account_renamed(ctx.connection, ctx.marketplace_id, buyer_id, old_id, saved.ID)


async def delete(ctx: RequestContext, buyer_id: str, account_id: str) -> None:
    """Its assignments go with it (ON DELETE CASCADE). An account a payment names, on an order in any status, is
    refused (409 Payment.CannotDeleteSpendingAccount, decision 0021)."""
    await store.get(ctx.connection, scope(ctx, buyer_id), account_id)
    if await spending_account_in_use(ctx.connection, ctx.marketplace_id, buyer_id, account_id):
        raise Conflict(
            "Payment.CannotDeleteSpendingAccount",
            f"Spending account {account_id} has been used as a payment and cannot be deleted",
            {"ObjectType": "SpendingAccount", "ObjectID": account_id},
        )
    await store.delete(ctx.connection, scope(ctx, buyer_id), account_id)


def _check_id(account_id: Any) -> None:
    if isinstance(account_id, str) and account_id.lower() == ASSIGNMENTS_SEGMENT:
        raise ValidationFailure(f"{account_id!r} is reserved: /spendingaccounts/{account_id} lists assignments", "ID")


async def _checked(
    connection: AsyncConnection, where: Scope, account: SpendingAccount, replacing: str | None
) -> SpendingAccount:
    """Dates in UTC with EndDate after StartDate; a blank RedemptionCode is none; a code is unique in the buyer
    (409 SpendingAccount.RedemptionCodeInUse), ``replacing`` being the account whose own code does not count."""
    start, end = utc_field(account.StartDate, "StartDate"), utc_field(account.EndDate, "EndDate")
    if start is not None and end is not None and end <= start:
        raise ValidationFailure("EndDate must be after StartDate", "EndDate")
    code = account.RedemptionCode if account.RedemptionCode and account.RedemptionCode.strip() else None
    if code is not None:
        taken = exists().where(*store.scoped(where), c.redemption_code == code)
        if replacing is not None:
            taken = taken.where(c.id != replacing)
        if await connection.scalar(select(taken)):
            raise Conflict(
                "SpendingAccount.RedemptionCodeInUse",
                "Another spending account of this buyer has this RedemptionCode",
                {"Field": "RedemptionCode"},
            )
    return msgspec.structs.replace(account, StartDate=start, EndDate=end, RedemptionCode=code)


# --- assignments ------------------------------------------------------------------------------------------------


async def save_assignment(ctx: RequestContext, buyer_id: str, assignment: SpendingAccountAssignment) -> None:
    """Create or update: saving an existing assignment again sets its AllowExceed."""
    party = party_of(assignment.UserID, assignment.UserGroupID)
    await _require_account(ctx, buyer_id, assignment.SpendingAccountID)
    await require_party(ctx.connection, ctx.marketplace_id, buyer_id, party)
    row = {
        "marketplace_id": ctx.marketplace_id,
        "buyer_id": buyer_id,
        "spending_account_id": assignment.SpendingAccountID,
        **party.columns(),
        "allow_exceed": assignment.AllowExceed,
    }
    key = [column.name for column in t.primary_key.columns]
    await ctx.connection.execute(upsert(ctx.connection.dialect.name, t, row, key))


async def delete_assignment(ctx: RequestContext, buyer_id: str, account_id: str, parameters: Mapping[str, str]) -> None:
    """Removes the one assignment to exactly this party (none named: the buyer-level one); 204 also when there was
    none, but 404 when the account itself does not exist."""
    party = party_of_query(parameters)
    await _require_account(ctx, buyer_id, account_id)
    await ctx.connection.execute(
        delete_from(t).where(
            a.marketplace_id == ctx.marketplace_id,
            a.buyer_id == buyer_id,
            a.spending_account_id == account_id,
            *party.matches(t),
        )
    )


async def list_assignments(ctx: RequestContext, buyer_id: str, query: ListQuery) -> ListPage[SpendingAccountAssignment]:
    refuse_search(query, "Spending account assignments")
    base = select(t).where(
        a.marketplace_id == ctx.marketplace_id, a.buyer_id == buyer_id, *party_filters(t, query.parameters)
    )
    if query.parameters.get("spendingAccountID"):
        base = base.where(a.spending_account_id == query.parameters["spendingAccountID"])
    order = (a.spending_account_id, a.user_group_id)  # + the spec's tiebreak, user_id
    page = await fetch_page(ctx.connection, base.order_by(*order), ASSIGNMENT_SPEC, query)
    items = [
        SpendingAccountAssignment(
            SpendingAccountID=row.spending_account_id,
            UserID=shown(row.user_id),
            UserGroupID=shown(row.user_group_id),
            AllowExceed=row.allow_exceed,
        )
        for row in page.rows
    ]
    return ListPage(Items=items, Meta=page.meta)


async def _require_account(ctx: RequestContext, buyer_id: str, account_id: str) -> None:
    if not await store.exists(ctx.connection, scope(ctx, buyer_id), account_id):
        raise NotFound("SpendingAccount", account_id)
