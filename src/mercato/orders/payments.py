"""Payments as the order engine sees them (SEMANTICS.md §6.5, docs/decisions/0021-payments.md).

* What each payment pays: its Amount, or for a null Amount the remainder of the order's Total after the explicit
  amounts of the others (``effective_amounts``), and when a payment would over-pay (``check_not_overpaid``).
* Whether a spending account can pay for an order's user: the order's buyer's, assigned to the user (buyer-wide,
  through a group, or to the user), AllowAsPaymentMethod, within its dates, and the amount within its balance
  unless an assignment reaching the user allows exceeding it (``usable_account``, ``check_balance``).
* The balance changes: spending accounts are charged when an order becomes Open and refunded when an Open order
  is canceled. The submit, approve and cancel flows call these inside the request's transaction with the order
  row already locked. Each account row is locked (SELECT … FOR UPDATE) before its balance is read and written,
  accounts in ID order so that two orders paying from the same two accounts cannot deadlock; on SQLite the write
  transaction itself (BEGIN IMMEDIATE, decision 0006) serialises writers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import assigned_to
from mercato.catalog import money
from mercato.db.tables import orders, payments, spending_account_assignments, spending_accounts
from mercato.errors import BadRequest
from mercato.orders.users import as_caller

ZERO = Decimal(0)

p = payments.c
s = spending_accounts.c
sa = spending_account_assignments.c


class PaymentType(StrEnum):
    PurchaseOrder = "PurchaseOrder"
    CreditCard = "CreditCard"
    SpendingAccount = "SpendingAccount"


# --- amounts (pure) ---------------------------------------------------------------------------------------------


def effective_amounts(amounts: Sequence[tuple[str, Decimal | None]], total: Decimal) -> dict[str, Decimal]:
    """What each payment pays, by payment ID. ``amounts`` in the order the payments were made; a null amount pays
    what the explicit amounts leave of ``total`` (never below zero). Should there be several null amounts (the
    API refuses a second one), the first takes the remainder and the others pay nothing."""
    remainder = max(total - sum((a for _, a in amounts if a is not None), ZERO), ZERO)
    paid: dict[str, Decimal] = {}
    for payment_id, amount in amounts:
        if amount is None:
            paid[payment_id], remainder = remainder, ZERO
        else:
            paid[payment_id] = amount
    return paid


def remainder_of(others: Iterable[Decimal | None], total: Decimal) -> Decimal:
    """What a null amount would pay beside ``others``."""
    return max(total - sum((a for a in others if a is not None), ZERO), ZERO)


def check_not_overpaid(others: Sequence[Decimal | None], amount: Decimal | None, total: Decimal) -> None:
    """400 Payment.AlreadyPaid when a payment of ``amount`` beside ``others`` would pay more than ``total``: the
    explicit amounts together exceed it, or ``amount`` is null (the remainder) while another payment already
    takes the remainder or explicit payments already cover a Total above zero."""
    explicit = sum((a for a in others if a is not None), ZERO)
    if amount is not None:
        if explicit + amount > total:
            raise _already_paid(f"Payments of {explicit + amount} would exceed the order total of {total}")
        return
    if any(a is None for a in others):
        raise _already_paid("Another payment of this order already pays the remainder (its Amount is null)")
    if explicit > ZERO and explicit >= total:
        raise _already_paid(f"The order total of {total} is already covered by payments of {explicit}")


def increases(old: Decimal | None, new: Decimal | None) -> bool:
    """Whether changing a payment's amount from ``old`` to ``new`` can pay more: a change that only lowers an
    explicit amount is never refused, so that an over-paid order (its Total went down) can always be put right."""
    if old == new:
        return False
    return old is None or new is None or new > old


def _already_paid(message: str) -> BadRequest:
    return BadRequest("Payment.AlreadyPaid", f"Cannot create Payment. Order is already fully paid: {message}")


# --- spending accounts ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UsableAccount:
    id: str
    balance: Decimal
    allow_exceed: bool
    """An assignment reaching the order's user lets the balance go below zero."""


def _assigned(order: Row[Any], *matching: Any) -> Any:
    return assigned_to(as_caller(order), spending_account_assignments, sa.spending_account_id == s.id, *matching)


async def usable_account(
    connection: AsyncConnection, order: Row[Any], account_id: str, now: datetime, *, lock: bool = False
) -> UsableAccount:
    """The spending account ``account_id`` as the order's user may pay with it at ``now`` (``lock``: under its
    row lock), else 400: Payment.InvalidSpendingAccountID (not an account of the order's buyer assigned to its
    user), Payment.CannotSetSpendingAccount (AllowAsPaymentMethod is false), or
    Payment.CannotUseExpiredSpendingAccount (EndDate passed or StartDate ahead)."""
    o = order._mapping
    query = select(
        s.id,
        s.balance,
        s.allow_as_payment_method,
        s.start_date,
        s.end_date,
        _assigned(order).label("assigned"),
        _assigned(order, sa.allow_exceed.is_(True)).label("allow_exceed"),
    ).where(s.marketplace_id == o["marketplace_id"], s.buyer_id == o["from_company_id"], s.id == account_id)
    if lock:
        query = query.with_for_update(of=spending_accounts)
    row = (await connection.execute(query)).first()
    data = {"SpendingAccountID": account_id}
    if row is None or not row.assigned:
        raise BadRequest(
            "Payment.InvalidSpendingAccountID",
            f"Spending account {account_id} is not one the order's user may pay with",
            data,
        )
    if not row.allow_as_payment_method:
        raise BadRequest(
            "Payment.CannotSetSpendingAccount",
            f"Spending account {account_id} cannot be used as a payment method (AllowAsPaymentMethod is false)",
            data,
        )
    if (row.start_date is not None and row.start_date > now) or (row.end_date is not None and row.end_date <= now):
        raise BadRequest(
            "Payment.CannotUseExpiredSpendingAccount",
            f"Spending account {account_id} cannot be used outside its StartDate and EndDate",
            data,
        )
    return UsableAccount(row.id, Decimal(row.balance), bool(row.allow_exceed))


def check_balance(account: UsableAccount, amount: Decimal) -> None:
    """400 Payment.ExceedsBalance when ``amount`` is more than the balance and exceeding it is not allowed."""
    if amount > account.balance and not account.allow_exceed:
        raise BadRequest(
            "Payment.ExceedsBalance",
            f"Payment of {amount} exceeds the balance of spending account {account.id}",
            {"SpendingAccountID": account.id, "Amount": money.number(amount), "Balance": money.number(account.balance)},
        )


async def charge_spending_accounts(connection: AsyncConnection, order_row: Row[Any], now: datetime) -> None:
    """Take what each SpendingAccount payment of the (locked) order pays from its account, as the order becomes
    Open; every check of ``usable_account`` and ``check_balance`` applies again at ``now``. Raises (and the
    caller's transaction rolls back) before any balance would go below zero unless exceeding is allowed."""
    for account_id, amount in await _spending_account_totals(connection, order_row):
        account = await usable_account(connection, order_row, account_id, now, lock=True)
        check_balance(account, amount)
        await _set_balance(connection, order_row, account_id, account.balance - amount)


async def refund_spending_accounts(connection: AsyncConnection, order_row: Row[Any], now: datetime) -> None:
    """Give back what ``charge_spending_accounts`` took, as an Open order is canceled: the same amounts, since an
    Open order's payments and Total no longer change (decision 0021). No usability check: an account that
    expired since is still refunded. ``now`` is the cancel's clock reading (unused yet: balances keep no dates)."""
    del now
    for account_id, amount in await _spending_account_totals(connection, order_row):
        balance = await _locked_balance(connection, order_row, account_id)
        await _set_balance(connection, order_row, account_id, balance + amount)


async def _spending_account_totals(connection: AsyncConnection, order: Row[Any]) -> list[tuple[str, Decimal]]:
    """(account ID, what the order's payments take from it) for each account, in ID order; nothing for zero."""
    o = order._mapping
    rows = (
        await connection.execute(
            select(p.id, p.type, p.amount, p.spending_account_id)
            .where(p.marketplace_id == o["marketplace_id"], p.order_id == o["id"])
            .order_by(p.date_created, p.id)
        )
    ).all()
    paid = effective_amounts([(r.id, _decimal(r.amount)) for r in rows], Decimal(o["total"]))
    totals: dict[str, Decimal] = {}
    for r in rows:
        if r.type == PaymentType.SpendingAccount and r.spending_account_id:
            totals[r.spending_account_id] = totals.get(r.spending_account_id, ZERO) + paid[r.id]
    return [(account_id, money.amount(total)) for account_id, total in sorted(totals.items()) if total != ZERO]


async def _locked_balance(connection: AsyncConnection, order: Row[Any], account_id: str) -> Decimal:
    o = order._mapping
    balance = await connection.scalar(
        select(s.balance)
        .where(s.marketplace_id == o["marketplace_id"], s.buyer_id == o["from_company_id"], s.id == account_id)
        .with_for_update(of=spending_accounts)
    )
    if balance is None:
        raise BadRequest(
            "Payment.InvalidSpendingAccountID",
            f"Spending account {account_id} of this order's payments no longer exists",
            {"SpendingAccountID": account_id},
        )
    return Decimal(balance)


async def _set_balance(connection: AsyncConnection, order: Row[Any], account_id: str, balance: Decimal) -> None:
    o = order._mapping
    await connection.execute(
        update(spending_accounts)
        .where(s.marketplace_id == o["marketplace_id"], s.buyer_id == o["from_company_id"], s.id == account_id)
        .values(balance=money.amount(balance))
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else money.amount(Decimal(value))


# --- questions other flows ask ----------------------------------------------------------------------------------


async def unaccepted_payments(connection: AsyncConnection, marketplace_id: str, order_id: str) -> list[str]:
    """IDs of the order's payments whose Accepted is not true (false or null), oldest first: submit refuses the
    order while there are any (Order.CannotSubmitWithUnaccceptedPayments)."""
    rows = await connection.scalars(
        select(p.id)
        .where(
            p.marketplace_id == marketplace_id,
            p.order_id == order_id,
            or_(p.accepted.is_(None), p.accepted.is_(False)),
        )
        .order_by(p.date_created, p.id)
    )
    return list(rows)


async def spending_account_in_use(
    connection: AsyncConnection, marketplace_id: str, buyer_id: str, account_id: str
) -> bool:
    """Whether a payment of any order of ``buyer_id`` names the account (whatever the order's status): such an
    account cannot be deleted (Payment.CannotDeleteSpendingAccount)."""
    o = orders.c
    used = exists().where(
        p.marketplace_id == marketplace_id,
        p.spending_account_id == account_id,
        p.type == PaymentType.SpendingAccount.value,
        and_(o.marketplace_id == p.marketplace_id, o.id == p.order_id, o.from_company_id == buyer_id),
    )
    return bool(await connection.scalar(select(used)))


async def spending_account_renamed(
    connection: AsyncConnection, marketplace_id: str, buyer_id: str, old_id: str, new_id: str
) -> None:
    """Payments name their account by ID without a foreign key (an account is the buyer's, a payment the order's):
    when the account is renamed, the payments of the buyer's orders follow, so later charges and refunds find it."""
    if old_id == new_id:
        return
    o = orders.c
    of_the_buyer = select(o.id).where(o.marketplace_id == marketplace_id, o.from_company_id == buyer_id)
    await connection.execute(
        update(payments)
        .where(p.marketplace_id == marketplace_id, p.spending_account_id == old_id, p.order_id.in_(of_the_buyer))
        .values(spending_account_id=new_id)
    )
