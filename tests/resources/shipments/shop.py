"""Orders and line items inserted directly (the order routes have their own tests), buyer users with tokens, and
the marketplace owner's headers, for the shipment tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import insert, select

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import line_items, orders
from tests.fixtures.identity import Callers

ORDER_COLUMNS = ("status", "is_submitted", "date_completed", "last_updated")


@dataclass(frozen=True)
class Buyer:
    buyer_id: str
    uid: str
    headers: dict[str, str]


@dataclass
class Shop:
    client: httpx.AsyncClient
    callers: Callers
    database: Database
    admin: dict[str, str]
    """The marketplace owner's user with ShipmentAdmin."""

    async def buyer_user(self, buyer_id: str, user_id: str, *roles: str) -> Buyer:
        uid = await self.callers.user(UserType.BUYER, buyer_id, user_id=user_id)
        token = await self.callers.token(
            *(roles or (Role.Shopper,)), uid=uid, user_type=UserType.BUYER, company_id=buyer_id
        )
        return Buyer(buyer_id, uid, {"Authorization": f"Bearer {token}"})

    async def order(
        self, order_id: str, owner: Buyer, lines: dict[str, int], *, status: str = "Open", submitted: bool = True
    ) -> None:
        """An order of ``owner`` with one line per entry (line ID -> Quantity), unit price 2.50."""
        now = datetime(2030, 1, 1, tzinfo=UTC)
        async with self.database.transaction() as connection:
            await connection.execute(
                insert(orders).values(
                    marketplace_id=self.callers.marketplace_id,
                    id=order_id,
                    from_company_id=owner.buyer_id,
                    to_company_id=self.callers.marketplace_id,
                    from_user_uid=owner.uid,
                    from_user_id=f"user-{owner.uid[:8]}",
                    from_user={"ID": f"user-{owner.uid[:8]}"},
                    line_item_count=len(lines),
                    status=status,
                    is_submitted=submitted,
                    date_created=now,
                    date_submitted=now if submitted else None,
                    last_updated=now,
                    subtotal=Decimal(0),
                    shipping_cost=Decimal(0),
                    tax_cost=Decimal(0),
                    gratuity=Decimal(0),
                    fees=Decimal(0),
                    promotion_discount=Decimal(0),
                    total=Decimal(0),
                )
            )
            for line_id, quantity in lines.items():
                await connection.execute(
                    insert(line_items).values(
                        marketplace_id=self.callers.marketplace_id,
                        order_id=order_id,
                        id=line_id,
                        product_id="p1",
                        quantity=quantity,
                        date_added=now,
                        quantity_shipped=0,
                        unit_price=Decimal("2.50"),
                        promotion_discount=Decimal(0),
                        line_subtotal=Decimal("2.50") * quantity,
                        line_total=Decimal("2.50") * quantity,
                        cost_center="CC-1",
                        date_needed=now,
                        product={"ID": "p1", "Name": "P"},
                        variant=None,
                        is_on_sale=False,
                        price_overridden=False,
                        specs=[],
                        xp={"line": line_id},
                    )
                )

    async def shipped(self, order_id: str) -> dict[str, int]:
        """Line ID -> QuantityShipped, as stored."""
        li = line_items.c
        async with self.database.transaction(write=False) as connection:
            rows = await connection.execute(
                select(li.id, li.quantity_shipped).where(
                    li.marketplace_id == self.callers.marketplace_id, li.order_id == order_id
                )
            )
            return {row.id: row.quantity_shipped for row in rows}

    async def order_row(self, order_id: str) -> dict[str, Any]:
        o = orders.c
        async with self.database.transaction(write=False) as connection:
            row = (
                await connection.execute(
                    select(*(o[name] for name in ORDER_COLUMNS)).where(
                        o.marketplace_id == self.callers.marketplace_id, o.id == order_id
                    )
                )
            ).one()
            return dict(row._mapping)

    async def shipment(self, shipment_id: str, **fields: Any) -> dict[str, Any]:
        made = await self.client.post("/v1/shipments", json={"ID": shipment_id, **fields}, headers=self.admin)
        assert made.status_code == 201, made.text
        body: dict[str, Any] = made.json()
        return body

    async def ship(self, shipment_id: str, order_id: str, line_id: str, quantity: int) -> httpx.Response:
        return await self.client.post(
            f"/v1/shipments/{shipment_id}/items",
            json={"OrderID": order_id, "LineItemID": line_id, "QuantityShipped": quantity},
            headers=self.admin,
        )


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


def error(response: httpx.Response) -> dict[str, Any]:
    first: dict[str, Any] = response.json()["Errors"][0]
    return first
