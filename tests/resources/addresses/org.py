"""A buyer organisation for address and cost center tests: buyers, buyer users with tokens, groups (through the
API) and an admin with every role."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers

SHOPPER = (Role.Shopper, Role.MeAddressAdmin)
ADDRESS = {"Street1": "1 Main St", "City": "Oslo", "Country": "NO"}


@dataclass
class Org:
    client: httpx.AsyncClient
    callers: Callers
    admin: dict[str, str]

    async def buyer(self, buyer_id: str) -> str:
        return await self.callers.buyer(buyer_id)

    async def user(self, buyer_id: str, user_id: str, *roles: str) -> dict[str, str]:
        """A buyer user and headers for a token with ``roles`` (Shopper and MeAddressAdmin by default)."""
        uid = await self.callers.user(UserType.BUYER, buyer_id, user_id=user_id)
        return await self.token(uid, buyer_id, *roles)

    async def token(self, uid: str, buyer_id: str, *roles: str) -> dict[str, str]:
        token = await self.callers.token(*(roles or SHOPPER), uid=uid, user_type=UserType.BUYER, company_id=buyer_id)
        return {"Authorization": f"Bearer {token}"}

    async def group(self, buyer_id: str, group_id: str, *members: str) -> None:
        made = await self.client.post(
            f"/v1/buyers/{buyer_id}/usergroups", json={"ID": group_id, "Name": group_id}, headers=self.admin
        )
        assert made.status_code == 201, made.text
        for member in members:
            joined = await self.client.post(
                f"/v1/buyers/{buyer_id}/usergroups/assignments",
                json={"UserGroupID": group_id, "UserID": member},
                headers=self.admin,
            )
            assert joined.status_code == 204, joined.text

    async def address(self, buyer_id: str, address_id: str, **fields: object) -> None:
        made = await self.client.post(
            f"/v1/buyers/{buyer_id}/addresses", json=ADDRESS | {"ID": address_id} | fields, headers=self.admin
        )
        assert made.status_code == 201, made.text

    async def assign(self, buyer_id: str, **assignment: object) -> httpx.Response:
        body = {"IsShipping": True, "IsBilling": True} | assignment
        return await self.client.post(f"/v1/buyers/{buyer_id}/addresses/assignments", json=body, headers=self.admin)


@pytest.fixture
async def org(client: httpx.AsyncClient, callers: Callers) -> Org:
    return Org(client, callers, await callers.headers(Role.FullAccess))
