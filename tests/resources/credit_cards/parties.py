"""A buyer with users and groups, made through the API, for the card, spending-account and approval-rule tests."""

from __future__ import annotations

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers


async def shopper(callers: Callers, buyer_id: str, user_id: str, *roles: str) -> dict[str, str]:
    """Headers of a new buyer user of ``buyer_id`` holding ``roles`` (Shopper when none are given)."""
    uid = await callers.user(UserType.BUYER, buyer_id, user_id=user_id)
    token = await callers.token(*(roles or (Role.Shopper,)), uid=uid, user_type=UserType.BUYER, company_id=buyer_id)
    return {"Authorization": f"Bearer {token}"}


async def group(client: httpx.AsyncClient, callers: Callers, buyer_id: str, group_id: str, *members: str) -> None:
    admin = await callers.headers(Role.UserGroupAdmin)
    made = await client.post(
        f"/v1/buyers/{buyer_id}/usergroups", json={"ID": group_id, "Name": group_id}, headers=admin
    )
    assert made.status_code == 201, made.text
    for user_id in members:
        joined = await client.post(
            f"/v1/buyers/{buyer_id}/usergroups/assignments",
            json={"UserGroupID": group_id, "UserID": user_id},
            headers=admin,
        )
        assert joined.status_code == 204, joined.text


def error(response: httpx.Response) -> dict[str, object]:
    """The first of OrderCloud's ``Errors``."""
    first: dict[str, object] = response.json()["Errors"][0]
    return first
