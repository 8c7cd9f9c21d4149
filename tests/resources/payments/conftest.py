"""A buyer world for the payment tests. Orders are inserted as rows (the order routes have their own tests), with
the Total the payments are checked against; users, cards and spending accounts are made through the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, update

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import orders, spending_accounts
from tests.fixtures.identity import Callers

PAYMENTS = "/v1/orders/{direction}/{order}/payments"
ADMIN_ACCOUNTS = "/v1/buyers/{buyer}/spendingaccounts"


def at(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def error(response: httpx.Response) -> dict[str, Any]:
    first: dict[str, Any] = response.json()["Errors"][0]
    return first


@dataclass
class Shop:
    """Buyer users (with their uid and headers), orders placed for them, and the admin's headers."""

    client: httpx.AsyncClient
    callers: Callers
    database: Database
    admin: dict[str, str] = field(default_factory=dict)
    uids: dict[str, str] = field(default_factory=dict)
    buyers: dict[str, str] = field(default_factory=dict)

    @property
    def marketplace_id(self) -> str:
        return self.callers.marketplace_id

    async def user(self, buyer_id: str, user_id: str, *roles: str) -> dict[str, str]:
        """A buyer user holding ``roles`` (Shopper when none are given); made once, a new token each call."""
        if user_id not in self.uids:
            self.uids[user_id] = await self.callers.user(UserType.BUYER, buyer_id, user_id=user_id)
            self.buyers[user_id] = buyer_id
        token = await self.callers.token(
            *(roles or (Role.Shopper,)), uid=self.uids[user_id], user_type=UserType.BUYER, company_id=buyer_id
        )
        return {"Authorization": f"Bearer {token}"}

    async def order(
        self,
        order_id: str,
        user_id: str,
        total: str = "100.00",
        *,
        status: str = "Unsubmitted",
        currency: str | None = "USD",
    ) -> None:
        """An order placed by ``user_id`` (made with ``user`` first) with this Total."""
        async with self.database.transaction() as connection:
            await connection.execute(insert(orders).values(self.order_row(order_id, user_id, total, status, currency)))

    def order_row(
        self, order_id: str, user_id: str, total: str, status: str = "Unsubmitted", currency: str | None = "USD"
    ) -> dict[str, Any]:
        """Every NOT NULL column of ``orders``; no line items (payments look at the Total only)."""
        now = datetime.now(UTC)
        buyer_id = self.buyers[user_id]
        money = Decimal(total)
        zero = Decimal("0.00")
        return {
            "marketplace_id": self.marketplace_id,
            "id": order_id,
            "from_company_id": buyer_id,
            "to_company_id": self.marketplace_id,
            "from_user_uid": self.uids[user_id],
            "from_user_id": user_id,
            "from_user": {"ID": user_id, "Username": user_id, "CompanyID": buyer_id},
            "line_item_count": 1,
            "status": status,
            "is_submitted": status not in ("Unsubmitted", "AwaitingApproval", "Declined"),
            "date_created": now,
            "last_updated": now,
            "subtotal": money,
            "shipping_cost": zero,
            "tax_cost": zero,
            "gratuity": zero,
            "fees": zero,
            "promotion_discount": zero,
            "total": money,
            "currency": currency,
        }

    async def set_order(self, order_id: str, **values: Any) -> None:
        async with self.database.transaction() as connection:
            await connection.execute(
                update(orders)
                .where(orders.c.marketplace_id == self.marketplace_id, orders.c.id == order_id)
                .values(**values)
            )

    async def account(self, buyer_id: str, account_id: str, balance: float, **fields: Any) -> None:
        """A spending account usable as a payment method unless ``fields`` say otherwise."""
        body = {"ID": account_id, "Name": account_id, "Balance": balance, "AllowAsPaymentMethod": True} | fields
        made = await self.client.post(ADMIN_ACCOUNTS.format(buyer=buyer_id), json=body, headers=self.admin)
        assert made.status_code == 201, made.text

    async def assign(self, buyer_id: str, account_id: str, **party: Any) -> None:
        assigned = await self.client.post(
            ADMIN_ACCOUNTS.format(buyer=buyer_id) + "/assignments",
            json={"SpendingAccountID": account_id, **party},
            headers=self.admin,
        )
        assert assigned.status_code == 204, assigned.text

    async def balance(self, buyer_id: str, account_id: str) -> Decimal:
        s = spending_accounts.c
        async with self.database.transaction(write=False) as connection:
            value = await connection.scalar(
                select(s.balance).where(
                    s.marketplace_id == self.marketplace_id, s.buyer_id == buyer_id, s.id == account_id
                )
            )
        assert value is not None
        return Decimal(value)

    async def pay(
        self, order_id: str, body: dict[str, Any], headers: dict[str, str], direction: str = "Outgoing"
    ) -> httpx.Response:
        return await self.client.post(PAYMENTS.format(direction=direction, order=order_id), json=body, headers=headers)

    async def paid(self, order_id: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        response = await self.pay(order_id, body, headers)
        assert response.status_code == 201, response.text
        payment: dict[str, Any] = response.json()
        return payment

    def url(self, order_id: str, *rest: str, direction: str = "Outgoing") -> str:
        return "/".join([PAYMENTS.format(direction=direction, order=order_id), *rest])


@pytest.fixture
async def shop(client: httpx.AsyncClient, callers: Callers, database: Database) -> Shop:
    """Buyer b1 (users are made with ``shop.user``) and an admin holding FullAccess."""
    await callers.buyer("b1")
    return Shop(client, callers, database, admin=await callers.headers(Role.FullAccess))
