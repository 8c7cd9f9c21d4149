"""GET /me/costcenters: the cost centers assigned to the user's buyer or to one of its groups, each once."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.addresses.org import Org

ME = "/v1/me/costcenters"


async def mine(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[str]:
    response = await client.get(ME, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [c["ID"] for c in response.json()["Items"]]


async def setup_cost_centers(org: Org, buyer_id: str, *ids: str) -> None:
    for cost_center_id in ids:
        made = await org.client.post(
            f"/v1/buyers/{buyer_id}/costcenters",
            json={"ID": cost_center_id, "Name": cost_center_id.upper(), "Description": f"about {cost_center_id}"},
            headers=org.admin,
        )
        assert made.status_code == 201, made.text


async def assign(org: Org, buyer_id: str, cost_center_id: str, group_id: str | None = None) -> None:
    body = {"CostCenterID": cost_center_id, "UserGroupID": group_id}
    saved = await org.client.post(f"/v1/buyers/{buyer_id}/costcenters/assignments", json=body, headers=org.admin)
    assert saved.status_code == 204, saved.text


@pytest.fixture
async def acme(org: Org) -> Org:
    await org.buyer("acme")
    await setup_cost_centers(org, "acme", "company", "group", "other-group", "unassigned")
    return org


async def test_buyer_and_group_assignments_reach_the_user(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1", Role.Shopper)
    await acme.callers.user(UserType.BUYER, "acme", user_id="u2")
    await acme.group("acme", "g1", "u1")
    await acme.group("acme", "g2", "u2")
    await assign(acme, "acme", "company")
    await assign(acme, "acme", "group", "g1")
    await assign(acme, "acme", "other-group", "g2")
    response = await client.get(ME, headers=u1)
    assert response.json()["Items"] == [
        {"ID": "company", "Name": "COMPANY", "Description": "about company", "xp": None},
        {"ID": "group", "Name": "GROUP", "Description": "about group", "xp": None},
    ]
    await client.delete("/v1/buyers/acme/costcenters/company/assignments", headers=acme.admin)
    assert await mine(client, u1) == ["group"]
    await client.delete("/v1/buyers/acme/usergroups/g1/assignments/u1", headers=acme.admin)
    assert await mine(client, u1) == []


async def test_overlapping_assignments_do_not_repeat(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1", Role.Shopper)
    await acme.group("acme", "g1", "u1")
    await acme.group("acme", "g2", "u1")
    for group in (None, "g1", "g2"):
        await assign(acme, "acme", "company", group)
    response = await client.get(ME, headers=u1)
    assert [c["ID"] for c in response.json()["Items"]] == ["company"]
    assert response.json()["Meta"]["TotalCount"] == 1


async def test_the_list_engine(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1", Role.Shopper)
    for cost_center_id in ("company", "group", "other-group"):
        await assign(acme, "acme", cost_center_id)
    assert await mine(client, u1, sortBy="!Name") == ["other-group", "group", "company"]
    assert await mine(client, u1, Name="GROUP") == ["group"]
    assert await mine(client, u1, search="other") == ["other-group"]
    assert await mine(client, u1, ID="*group", sortBy="ID") == ["group", "other-group"]
    page = await client.get(ME, params={"pageSize": 2, "page": 2}, headers=u1)
    assert [c["ID"] for c in page.json()["Items"]] == ["other-group"]
    assert page.json()["Meta"]["TotalPages"] == 2
    bad = await client.get(ME, params={"Balance": "1"}, headers=u1)
    assert bad.status_code == 400
    assert bad.json()["Errors"][0]["ErrorCode"] == "List.InvalidProperty"


async def test_other_buyers_and_other_kinds_of_user_see_none(client: httpx.AsyncClient, acme: Org) -> None:
    await assign(acme, "acme", "company")
    await acme.group("acme", "g1")
    await assign(acme, "acme", "group", "g1")
    await acme.buyer("globex")
    x1 = await acme.user("globex", "x1", Role.Shopper)
    await acme.group("globex", "g1", "x1")  # same group ID, other buyer
    assert await mine(client, x1) == []
    admin = await acme.callers.headers(Role.Shopper)
    assert await mine(client, admin) == []


async def test_shopper_role_is_needed(client: httpx.AsyncClient, acme: Org) -> None:
    headers = await acme.user("acme", "u1", Role.CostCenterAdmin, Role.MeAddressAdmin)
    response = await client.get(ME, headers=headers)
    assert response.status_code == 403
    error: dict[str, Any] = response.json()["Errors"][0]
    assert error["ErrorCode"] == "Auth.InsufficientRoles"
    assert error["Data"]["SufficientRoles"] == ["Shopper"]
