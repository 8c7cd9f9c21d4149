"""A marketplace to order from: buyer ``b1`` (and ``b2`` for isolation) with their default catalogs, products in
them with price schedules, and buyer users with tokens — all made through the admin API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers
from tests.resources.me_products.conftest import Market

ORDERS = "/v1/orders/Outgoing"


@dataclass
class Checkout(Market):
    async def priced_product(self, product_id: str, price: float, *, catalog: str = "b1", **fields: Any) -> None:
        """A product in ``catalog`` (a buyer's default catalog shows every product in it) with its own schedule."""
        schedule = fields.pop("schedule", None)
        if schedule is None:
            await self.schedule(f"ps-{product_id}", price)
        else:
            await self.ok("POST", "/v1/priceschedules", {"ID": f"ps-{product_id}", "Name": product_id} | schedule)
        await self.product(product_id, DefaultPriceScheduleID=f"ps-{product_id}", **fields)
        await self.in_catalog(catalog, product_id)

    async def order(self, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
        response = await self.client.post(ORDERS, json=fields, headers=headers)
        assert response.status_code == 201, response.text
        order: dict[str, Any] = response.json()
        return order

    async def line(
        self, headers: dict[str, str], order_id: str, product_id: str, quantity: int = 1, **fields: Any
    ) -> httpx.Response:
        body = {"ProductID": product_id, "Quantity": quantity} | fields
        return await self.client.post(f"{ORDERS}/{order_id}/lineitems", json=body, headers=headers)

    async def get_order(self, headers: dict[str, str], order_id: str, direction: str = "Outgoing") -> dict[str, Any]:
        response = await self.client.get(f"/v1/orders/{direction}/{order_id}", headers=headers)
        assert response.status_code == 200, response.text
        order: dict[str, Any] = response.json()
        return order

    async def act(self, headers: dict[str, str], order_id: str, action: str, body: Any = None) -> httpx.Response:
        return await self.client.post(f"{ORDERS}/{order_id}/{action}", json=body, headers=headers)


@pytest.fixture
async def checkout(client: httpx.AsyncClient, callers: Callers) -> Checkout:
    shop = Checkout(client, callers, await callers.headers(Role.FullAccess))
    await shop.buyer("b1")
    await shop.buyer("b2")
    return shop
