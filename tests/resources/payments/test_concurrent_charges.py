"""Many orders opening at once against one spending account: no lost update, no balance below zero."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import insert, select

from mercato.db.tables import orders, payments, spending_accounts
from mercato.errors import BadRequest
from mercato.orders.payments import charge_spending_accounts
from mercato.orders.visibility import lock_order
from tests.resources.payments.conftest import Shop

ORDERS = 100
BALANCE = Decimal("500.00")
EACH = Decimal("10.00")


async def test_one_hundred_orders_charge_one_account(shop: Shop) -> None:
    await shop.user("b1", "u1")
    await shop.account("b1", "shared", float(BALANCE))
    await shop.assign("b1", "shared")
    mid = shop.marketplace_id
    now = datetime.now(UTC)
    async with shop.database.transaction() as connection:
        await connection.execute(insert(orders), [shop.order_row(f"o{i}", "u1", str(EACH)) for i in range(ORDERS)])
        await connection.execute(
            insert(payments),
            [
                {
                    "marketplace_id": mid,
                    "order_id": f"o{i}",
                    "id": "p",
                    "type": "SpendingAccount",
                    "date_created": now,
                    "spending_account_id": "shared",
                    "currency": "USD",
                    "amount": EACH if i % 2 else None,  # half of them pay "the remainder": the same 10.00
                    "accepted": True,
                }
                for i in range(ORDERS)
            ],
        )
    s = spending_accounts.c
    balance_query = select(s.balance).where(s.marketplace_id == mid, s.buyer_id == "b1", s.id == "shared")

    async def open_order(order_id: str) -> Decimal | str:
        """Charge in a transaction of its own, as submit does: the balance it left, or the error code."""
        try:
            async with shop.database.transaction() as connection:
                order = await lock_order(connection, mid, order_id)
                await charge_spending_accounts(connection, order, datetime.now(UTC))
                left = await connection.scalar(balance_query)
                assert left is not None
                return Decimal(left)
        except BadRequest as refused:
            return refused.code

    outcomes = await asyncio.gather(*(open_order(f"o{i}") for i in range(ORDERS)))
    charged = [balance for balance in outcomes if isinstance(balance, Decimal)]
    assert [code for code in outcomes if isinstance(code, str)] == ["Payment.ExceedsBalance"] * 50
    assert len(charged) == 50
    # Each successful charge saw the one before it: 490.00, 480.00, … 0.00, each exactly once.
    assert sorted(charged) == [EACH * k for k in range(50)]
    assert min(charged) >= 0
    assert await shop.balance("b1", "shared") == Decimal("0.00")
