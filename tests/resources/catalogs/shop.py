"""A marketplace for catalog and category tests: buyers (through the API, so each gets its default catalog),
buyer users with tokens, groups, catalogs, categories, assignments, and products (inserted directly: only the
row has to exist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.tables import products
from tests.fixtures.identity import Callers


def error(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["ID"] for item in response.json()["Items"]]


@dataclass
class Shop:
    client: httpx.AsyncClient
    callers: Callers
    admin: dict[str, str]

    async def ok(self, method: str, path: str, body: Any = None, **params: Any) -> httpx.Response:
        response = await self.client.request(method, path, json=body, params=params, headers=self.admin)
        assert response.status_code in (200, 201, 204), f"{method} {path}: {response.text}"
        return response

    async def buyer(self, buyer_id: str) -> None:
        """A buyer made through the API: it gets a default catalog with its own ID (ViewAll* true)."""
        await self.ok("POST", "/v1/buyers", {"ID": buyer_id, "Name": buyer_id, "Active": True})

    async def user(self, buyer_id: str, user_id: str, *roles: str) -> dict[str, str]:
        """A buyer user and headers for a token with ``roles`` (Shopper by default)."""
        uid = await self.callers.user(UserType.BUYER, buyer_id, user_id=user_id)
        token = await self.callers.token(
            *(roles or (Role.Shopper,)), uid=uid, user_type=UserType.BUYER, company_id=buyer_id
        )
        return {"Authorization": f"Bearer {token}"}

    async def group(self, buyer_id: str, group_id: str, *members: str) -> None:
        await self.ok("POST", f"/v1/buyers/{buyer_id}/usergroups", {"ID": group_id, "Name": group_id})
        for member in members:
            await self.join(buyer_id, group_id, member)

    async def join(self, buyer_id: str, group_id: str, user_id: str) -> None:
        await self.ok(
            "POST", f"/v1/buyers/{buyer_id}/usergroups/assignments", {"UserGroupID": group_id, "UserID": user_id}
        )

    async def catalog(self, catalog_id: str, *, active: bool = True, **fields: Any) -> None:
        await self.ok("POST", "/v1/catalogs", {"ID": catalog_id, "Name": catalog_id, "Active": active} | fields)

    async def assign(self, catalog_id: str, buyer_id: str, *, categories: bool, products: bool = False) -> None:
        body = {"CatalogID": catalog_id, "BuyerID": buyer_id, "ViewAllCategories": categories}
        await self.ok("POST", "/v1/catalogs/assignments", body | {"ViewAllProducts": products})

    async def category(
        self, catalog_id: str, category_id: str, parent: str | None = None, *, active: bool = True, **fields: Any
    ) -> None:
        body = {"ID": category_id, "Name": category_id, "ParentID": parent, "Active": active} | fields
        await self.ok("POST", f"/v1/catalogs/{catalog_id}/categories", body)

    async def show(self, catalog_id: str, category_id: str, buyer_id: str, **assignment: Any) -> None:
        """A category assignment: Visible / ViewAllProducts / UserGroupID as given (null when omitted)."""
        body = {"CategoryID": category_id, "BuyerID": buyer_id} | assignment
        await self.ok("POST", f"/v1/catalogs/{catalog_id}/categories/assignments", body)

    async def product(self, product_id: str) -> None:
        row = {
            "marketplace_id": self.callers.marketplace_id,
            "id": product_id,
            "name": product_id,
            "auto_forward": False,
            "is_parent": False,
            "is_bundle": False,
            "active": True,
            "inventory_enabled": False,
            "inventory_variant_level_tracking": False,
            "inventory_order_can_exceed": False,
            "all_suppliers_can_sell": False,
            "returnable": False,
            "date_created": datetime.now(UTC),
        }
        async with self.callers.database.transaction() as connection:
            await connection.execute(insert(products).values(**row))


@pytest.fixture
async def shop(client: httpx.AsyncClient, callers: Callers) -> Shop:
    return Shop(client, callers, await callers.headers(Role.FullAccess))
