"""An order's payments (``/orders/{direction}/{orderID}/payments``) and their transactions.

Every write takes the order's row lock first (find_order with lock), so the changes to one order's payments run one
after another and the over-payment check sees every other payment. Which order a caller reaches, per direction,
is mercato.orders.visibility's; who may change which payment when is ``rules``; what a payment pays and which
spending accounts can pay is mercato.orders.payments. Cards and accounts are checked for the order's user (its
FromUser), whoever calls. Spending-account balances are not touched here: they change when the order becomes Open.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import Row, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import assigned_to
from mercato.catalog import money
from mercato.codec import utc_field
from mercato.context import RequestContext
from mercato.db.tables import credit_card_assignments, credit_cards, payment_transactions, payments
from mercato.errors import NotFound
from mercato.listing import ListPage, ListQuery, fetch_page
from mercato.orders import payments as paying
from mercato.orders.payments import PaymentType
from mercato.orders.status import parse_direction
from mercato.orders.users import as_caller
from mercato.orders.visibility import find_order
from mercato.resources.payments import rules
from mercato.resources.payments.listing import SPEC
from mercato.resources.payments.schemas import Payment, PaymentTransaction
from mercato.store import Scope, Store

c = payments.c
t = payment_transactions.c


class _MoneyStore(Store[Any]):
    """Amount is NUMERIC in the database and a JSON number (float, or null) on the wire."""

    def from_row(self, row: Row[Any] | Mapping[str, Any]) -> Any:
        item = super().from_row(row)
        item.Amount = None if item.Amount is None else money.number(Decimal(item.Amount))
        return item


def _amount(value: float | None) -> Decimal | None:
    return None if value is None else money.amount(value)


store = _MoneyStore(
    payments,
    Payment,
    "Payment",
    scope=("marketplace_id", "order_id"),
    read_only=frozenset({"DateCreated", "Currency"}),
    computed=frozenset({"Transactions"}),
    derived=lambda payment: {"amount": _amount(payment.Amount)},
)
transaction_store = _MoneyStore(
    payment_transactions,
    PaymentTransaction,
    "PaymentTransaction",
    scope=("marketplace_id", "order_id", "payment_id"),
    derived=lambda tx: {"amount": _amount(tx.Amount), "date_executed": utc_field(tx.DateExecuted, "DateExecuted")},
)


def _scope(order: Row[Any]) -> Scope:
    return {"marketplace_id": order.marketplace_id, "order_id": order.id}


async def _order(ctx: RequestContext, direction: str, order_id: str, *, write: bool = False) -> Row[Any]:
    return await find_order(ctx, parse_direction(direction), order_id, write=write, lock=write)


# --- reads ------------------------------------------------------------------------------------------------------


async def list_(ctx: RequestContext, direction: str, order_id: str, query: ListQuery) -> ListPage[Payment]:
    order = await _order(ctx, direction, order_id)
    page = await fetch_page(ctx.connection, store.select(_scope(order)), SPEC, query)
    items = await _with_transactions(ctx.connection, order, [store.from_row(row) for row in page.rows])
    return ListPage(Items=items, Meta=page.meta)


async def get(ctx: RequestContext, direction: str, order_id: str, payment_id: str) -> Payment:
    order = await _order(ctx, direction, order_id)
    return await _payment(ctx.connection, order, payment_id)


async def _payment(connection: AsyncConnection, order: Row[Any], payment_id: str) -> Payment:
    payment: Payment = await store.get(connection, _scope(order), payment_id)
    return (await _with_transactions(connection, order, [payment]))[0]


async def _with_transactions(connection: AsyncConnection, order: Row[Any], items: list[Payment]) -> list[Payment]:
    """The payments with their transactions (one query for the page), each payment's in DateExecuted order."""
    if not items:
        return items
    rows = (
        await connection.execute(
            select(payment_transactions)
            .where(
                t.marketplace_id == order.marketplace_id,
                t.order_id == order.id,
                t.payment_id.in_([item.ID for item in items]),
            )
            .order_by(t.payment_id, t.date_executed, t.id)
        )
    ).all()
    by_payment: dict[str, list[PaymentTransaction]] = {}
    for row in rows:
        by_payment.setdefault(row.payment_id, []).append(transaction_store.from_row(row))
    return [msgspec.structs.replace(item, Transactions=by_payment.get(item.ID or "", [])) for item in items]


# --- writes -----------------------------------------------------------------------------------------------------


async def create(ctx: RequestContext, direction: str, order_id: str, payment: Payment) -> Payment:
    order = await _order(ctx, direction, order_id, write=True)
    admin = rules.is_payment_admin(ctx.caller)
    rules.check_can_add_or_remove(order.status, admin)
    rules.check_references(payment)
    amount = _amount(payment.Amount)
    rules.check_amount(amount, creating=True)
    rules.check_create_accepted(admin, payment)
    if payment.OrderReturnID:
        raise NotFound("OrderReturn", payment.OrderReturnID)  # order returns do not exist yet
    others = await _amounts(ctx.connection, order, None)
    paying.check_not_overpaid(others, amount, Decimal(order.total))
    await _check_instrument(ctx, order, payment, amount, others)
    server = {"date_created": ctx.now, "currency": order.currency}
    created: Payment = await store.create(ctx.connection, _scope(order), payment, server)
    return msgspec.structs.replace(created, Transactions=[])


async def patch(
    ctx: RequestContext, direction: str, order_id: str, payment_id: str, changes: dict[str, Any]
) -> Payment:
    order = await _order(ctx, direction, order_id, write=True)
    current: Payment = await store.get(ctx.connection, _scope(order), payment_id)
    merged: Payment = await store.merged(ctx.connection, _scope(order), payment_id, changes)
    old, new = _amount(current.Amount), _amount(merged.Amount)
    rules.check_can_patch(order.status, rules.is_payment_admin(ctx.caller), current, merged, old != new)
    rules.check_immutable(current, changes)
    rules.check_amount(new, creating=False)
    if paying.increases(old, new):
        others = await _amounts(ctx.connection, order, payment_id)
        paying.check_not_overpaid(others, new, Decimal(order.total))
        if current.Type == PaymentType.SpendingAccount:
            await _check_instrument(ctx, order, merged, new, others)
    saved = await store.save(ctx.connection, _scope(order), payment_id, merged)
    return await _payment(ctx.connection, order, saved.item.ID or payment_id)


async def delete(ctx: RequestContext, direction: str, order_id: str, payment_id: str) -> None:
    order = await _order(ctx, direction, order_id, write=True)
    await store.get(ctx.connection, _scope(order), payment_id)
    rules.check_can_add_or_remove(order.status, rules.is_payment_admin(ctx.caller))
    await store.delete(ctx.connection, _scope(order), payment_id)  # its transactions go with it (cascade)


async def create_transaction(
    ctx: RequestContext, direction: str, order_id: str, payment_id: str, transaction: PaymentTransaction
) -> Payment:
    """OrderAdmin records what a processor did (authorise, capture, void…), in any status: a void may well
    follow a cancel. Currency defaults to the payment's. Answers the payment with all its transactions."""
    order = await _order(ctx, direction, order_id, write=True)
    payment: Payment = await store.get(ctx.connection, _scope(order), payment_id)
    if transaction.Currency is None:
        transaction = msgspec.structs.replace(transaction, Currency=payment.Currency)
    await transaction_store.create(ctx.connection, {**_scope(order), "payment_id": payment_id}, transaction)
    return await _payment(ctx.connection, order, payment_id)


async def delete_transaction(
    ctx: RequestContext, direction: str, order_id: str, payment_id: str, transaction_id: str
) -> None:
    order = await _order(ctx, direction, order_id, write=True)
    await store.get(ctx.connection, _scope(order), payment_id)
    await transaction_store.delete(ctx.connection, {**_scope(order), "payment_id": payment_id}, transaction_id)


# --- checks that read -------------------------------------------------------------------------------------------


async def _amounts(connection: AsyncConnection, order: Row[Any], excluding: str | None) -> list[Decimal | None]:
    """The Amounts of the order's payments other than ``excluding`` (null: pays the remainder)."""
    query = select(c.amount).where(*store.scoped(_scope(order)))
    if excluding is not None:
        query = query.where(c.id != excluding)
    return [None if value is None else money.amount(Decimal(value)) for value in await connection.scalars(query)]


async def _check_instrument(
    ctx: RequestContext, order: Row[Any], payment: Payment, amount: Decimal | None, others: list[Decimal | None]
) -> None:
    """The card or spending account is one the order's user may pay with; an account covers what the payment
    pays (a null Amount: the remainder), unless exceeding is allowed. Balances are checked, not changed."""
    if payment.Type == PaymentType.CreditCard and payment.CreditCardID:
        await _check_card(ctx, order, payment.CreditCardID)
    if payment.Type == PaymentType.SpendingAccount and payment.SpendingAccountID:
        account = await paying.usable_account(ctx.connection, order, payment.SpendingAccountID, ctx.now)
        pays = amount if amount is not None else paying.remainder_of(others, Decimal(order.total))
        paying.check_balance(account, pays)


async def _check_card(ctx: RequestContext, order: Row[Any], card_id: str) -> None:
    """The order's user's own card (/me/creditcards), or a card of its buyer assigned to it: 404 otherwise, as
    for any card the user cannot see."""
    user = as_caller(order)
    cc = credit_cards.c
    a = credit_card_assignments.c
    usable = or_(
        and_(cc.owner_type == "me", cc.company_id == user.uid),
        and_(
            cc.owner_type == "buyer",
            cc.company_id == user.company_id,
            assigned_to(user, credit_card_assignments, a.owner_type == "buyer", a.credit_card_id == cc.id),
        ),
    )
    query = select(cc.id).where(cc.marketplace_id == order.marketplace_id, cc.id == card_id, usable).limit(1)
    if (await ctx.connection.execute(query)).first() is None:
        raise NotFound("CreditCard", card_id)
