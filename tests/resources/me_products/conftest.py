"""A marketplace for /me/products tests: the catalog Shop plus products, price schedules and their assignments,
all made through the admin API (so every rule of the writes holds)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.catalog import shopper_views
from mercato.context import RequestContext
from mercato.db.engine import Database
from tests.fixtures.identity import Callers
from tests.resources.catalogs.shop import Shop

URL = "/v1/me/products"


@dataclass
class Market(Shop):
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    """Token headers of the fixture's users, by user ID."""

    async def product(self, product_id: str, *, active: bool = True, **fields: Any) -> None:
        body = {"ID": product_id, "Name": fields.pop("Name", product_id), "Active": active} | fields
        await self.ok("POST", "/v1/products", body)

    async def patch_product(self, product_id: str, **fields: Any) -> None:
        await self.ok("PATCH", f"/v1/products/{product_id}", fields)

    async def in_catalog(self, catalog_id: str, *product_ids: str) -> None:
        for product_id in product_ids:
            await self.ok("POST", "/v1/catalogs/productassignments", {"CatalogID": catalog_id, "ProductID": product_id})

    async def in_category(self, catalog_id: str, category_id: str, *product_ids: str) -> None:
        for product_id in product_ids:
            body = {"CategoryID": category_id, "ProductID": product_id}
            await self.ok("POST", f"/v1/catalogs/{catalog_id}/categories/productassignments", body)

    async def offer(
        self, product_id: str, buyer_id: str, group_id: str | None = None, price: str | None = None
    ) -> None:
        body = {"ProductID": product_id, "BuyerID": buyer_id, "UserGroupID": group_id, "PriceScheduleID": price}
        await self.ok("POST", "/v1/products/assignments", body)

    async def schedule(self, schedule_id: str, price: float, **fields: Any) -> None:
        body = {"ID": schedule_id, "Name": schedule_id, "PriceBreaks": [{"Quantity": 1, "Price": price}]} | fields
        await self.ok("POST", "/v1/priceschedules", body)


async def seen(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(URL, params={"pageSize": "100"} | params, headers=headers)
    assert response.status_code == 200, response.text
    return [item["ID"] for item in response.json()["Items"]]


async def price_of(client: httpx.AsyncClient, headers: dict[str, str], product_id: str) -> str | None:
    """The ID of the schedule a user pays, read from both the list and the Get (which must agree)."""
    response = await client.get(f"{URL}/{product_id}", headers=headers)
    assert response.status_code == 200, response.text
    schedule = response.json()["PriceSchedule"]
    listed = await client.get(URL, params={"ID": product_id}, headers=headers)
    assert listed.json()["Items"][0]["PriceSchedule"] == schedule
    return None if schedule is None else str(schedule["ID"])


@pytest.fixture
async def market(client: httpx.AsyncClient, callers: Callers) -> Market:
    return Market(client, callers, await callers.headers(Role.FullAccess))


@pytest.fixture(params=["walk", "view"], autouse=True)
def read_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, database: Database) -> str:
    """Every test here runs twice: with lists answered by walking the visibility rule (no shopper view is ever
    built), and through the shopper's view (built before the list answers). Both must give the same answers."""
    locate = shopper_views.locate

    async def walking(ctx: RequestContext, catalog_id: str | None, ranking: Sequence[Any]) -> shopper_views.ShopperView:
        return await locate(dataclasses.replace(ctx, database=None), catalog_id, ranking)

    async def viewing(ctx: RequestContext, catalog_id: str | None, ranking: Sequence[Any]) -> shopper_views.ShopperView:
        view = await locate(ctx, catalog_id, ranking)
        if not view.built:
            await database.settle()
            view = await locate(ctx, catalog_id, ranking)
            assert view.built
        return view

    monkeypatch.setattr(shopper_views, "locate", walking if request.param == "walk" else viewing)
    return str(request.param)
