"""/buyers/{buyerID}/costcenters and their assignments (buyer or group level only)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.addresses.org import Org

URL = "/v1/buyers/acme/costcenters"


def error(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


async def listed(client: httpx.AsyncClient, org: Org, **params: str) -> list[tuple[str, str | None]]:
    response = await client.get(f"{URL}/assignments", params=params, headers=org.admin)
    assert response.status_code == 200, response.text
    return [(i["CostCenterID"], i["UserGroupID"]) for i in response.json()["Items"]]


async def cost_center(org: Org, buyer_id: str, cost_center_id: str, name: str | None = None) -> None:
    made = await org.client.post(
        f"/v1/buyers/{buyer_id}/costcenters",
        json={"ID": cost_center_id, "Name": name or cost_center_id},
        headers=org.admin,
    )
    assert made.status_code == 201, made.text


async def assign(org: Org, buyer_id: str, **body: object) -> httpx.Response:
    return await org.client.post(f"/v1/buyers/{buyer_id}/costcenters/assignments", json=body, headers=org.admin)


@pytest.fixture
async def acme(org: Org) -> Org:
    await org.buyer("acme")
    for cc in ("cc1", "cc2"):
        await cost_center(org, "acme", cc)
    await org.callers.user(UserType.BUYER, "acme", user_id="u1")
    await org.group("acme", "g1", "u1")
    await org.group("acme", "g2")
    await org.buyer("globex")
    await org.group("globex", "gx")
    await cost_center(org, "globex", "x-cc")
    return org


async def test_crud(client: httpx.AsyncClient, org: Org) -> None:
    await org.buyer("acme")
    admin = await org.callers.headers(Role.CostCenterAdmin)
    body = {"ID": "ops", "Name": "Operations", "Description": "Day to day", "xp": {"code": {"gl": 4100}}}
    made = await client.post(URL, json=body, headers=admin)
    assert made.status_code == 201
    assert made.headers["location"] == "/v1/buyers/acme/costcenters/ops"
    assert made.json() == body
    assert (await client.get(f"{URL}/ops", headers=admin)).json() == body
    patched = await client.patch(f"{URL}/ops", json={"Name": "Ops", "xp": {"code": {"dept": 7}}}, headers=admin)
    assert patched.json() == body | {"Name": "Ops", "xp": {"code": {"gl": 4100, "dept": 7}}}
    saved = await client.put(f"{URL}/ops", json={"Name": "Operations"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {"ID": "ops", "Name": "Operations", "Description": None, "xp": None}
    created = await client.put(f"{URL}/rnd", json={"Name": "Research"}, headers=admin)
    assert created.status_code == 200
    assert (await client.post(URL, json={"Name": "Admin"}, headers=admin)).status_code == 201

    listed_names = await client.get(URL, headers=admin)
    assert [c["Name"] for c in listed_names.json()["Items"]] == ["Admin", "Operations", "Research"]
    searched = await client.get(URL, params={"search": "resea"}, headers=admin)
    assert [c["ID"] for c in searched.json()["Items"]] == ["rnd"]
    assert (await client.get(URL, params={"sortBy": "Description"}, headers=admin)).status_code == 400

    again = await client.post(URL, json={"ID": "ops", "Name": "x"}, headers=admin)
    assert again.status_code == 409
    assert error(again)["ErrorCode"] == "IdExists"
    assert (await client.patch(f"{URL}/rnd", json={"ID": "ops"}, headers=admin)).status_code == 409
    assert (await client.patch(f"{URL}/rnd", json={"ID": "research"}, headers=admin)).json()["ID"] == "research"
    assert (await client.delete(f"{URL}/ops", headers=admin)).status_code == 204
    missing = await client.get(f"{URL}/ops", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "CostCenter", "ObjectID": "ops"}
    assert (await client.delete(f"{URL}/ops", headers=admin)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "Name"),
        ({"Name": ""}, "Name"),
        ({"Name": "x" * 101}, "Name"),
        ({"Name": "x", "Description": "d" * 2001}, "Description"),
        ({"Name": "x", "ID": "a b"}, "ID"),
        ({"Name": "x", "ID": "Assignments"}, "ID"),
        ({"Name": "x", "xp": []}, "xp"),
    ],
)
async def test_validation(client: httpx.AsyncClient, org: Org, body: dict[str, Any], field: str) -> None:
    await org.buyer("acme")
    for response in (
        await client.post(URL, json=body, headers=org.admin),
        await client.put(f"{URL}/x", json=body, headers=org.admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"] == {"Field": field}


async def test_buyers_are_separate(client: httpx.AsyncClient, acme: Org) -> None:
    await cost_center(acme, "globex", "cc1", "Globex one")
    assert (await client.get(f"{URL}/cc1", headers=acme.admin)).json()["Name"] == "cc1"
    assert (await client.get("/v1/buyers/globex/costcenters/cc1", headers=acme.admin)).json()["Name"] == "Globex one"
    mine = await acme.user("acme", "buyer-admin", Role.CostCenterAdmin)
    assert [c["ID"] for c in (await client.get(URL, headers=mine)).json()["Items"]] == ["cc1", "cc2"]
    assert (await client.post(URL, json={"ID": "cc3", "Name": "x"}, headers=mine)).status_code == 201
    other = "/v1/buyers/globex/costcenters"
    for response in (
        await client.get(other, headers=mine),
        await client.get(f"{other}/x-cc", headers=mine),
        await client.put(f"{other}/x-cc", json={"Name": "x"}, headers=mine),
        await client.patch(f"{other}/x-cc", json={"Name": "x"}, headers=mine),
        await client.delete(f"{other}/x-cc", headers=mine),
        await client.get(f"{other}/assignments", headers=mine),
        await client.post(f"{other}/assignments", json={"CostCenterID": "x-cc"}, headers=mine),
        await client.delete(f"{other}/x-cc/assignments", headers=mine),
    ):
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "Buyer", "ObjectID": "globex"}
    assert (await client.get(f"{other}/x-cc", headers=acme.admin)).json()["Name"] == "x-cc"


async def test_roles(client: httpx.AsyncClient, acme: Org) -> None:
    reader = await acme.callers.headers(Role.CostCenterReader)
    assert (await client.get(URL, headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/cc1", headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/assignments", headers=reader)).status_code == 200
    for response in (
        await client.post(URL, json={"Name": "x"}, headers=reader),
        await client.patch(f"{URL}/cc1", json={}, headers=reader),
        await client.delete(f"{URL}/cc1", headers=reader),
        await client.post(f"{URL}/assignments", json={"CostCenterID": "cc1"}, headers=reader),
        await client.delete(f"{URL}/cc1/assignments", headers=reader),
    ):
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"


@pytest.mark.parametrize(
    ("body", "status", "code", "data"),
    [
        ({"CostCenterID": "cc1", "UserID": "u1"}, 400, "PartyAssignment.UserLevelNotAllowed", {"UserID": "u1"}),
        (
            {"CostCenterID": "cc1", "UserID": "u1", "UserGroupID": "g1"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({}, 400, "ValidationFailure", {"Field": "CostCenterID"}),
        ({"CostCenterID": "cc1", "UserGroupID": 5}, 400, "ValidationFailure", {"Field": "UserGroupID"}),
        ({"CostCenterID": "nope"}, 404, "NotFound", {"ObjectType": "CostCenter", "ObjectID": "nope"}),
        ({"CostCenterID": "x-cc"}, 404, "NotFound", {"ObjectType": "CostCenter", "ObjectID": "x-cc"}),
        ({"CostCenterID": "cc1", "UserGroupID": "gx"}, 404, "NotFound", {"ObjectType": "UserGroup", "ObjectID": "gx"}),
    ],
)
async def test_save_assignment_rules(
    client: httpx.AsyncClient, acme: Org, body: dict[str, Any], status: int, code: str, data: Any
) -> None:
    response = await assign(acme, "acme", **body)
    assert response.status_code == status, response.text
    assert error(response)["ErrorCode"] == code
    assert error(response)["Data"] == data
    assert await listed(client, acme) == []


async def test_assignments(client: httpx.AsyncClient, acme: Org) -> None:
    for _ in range(2):  # idempotent
        assert (await assign(acme, "acme", CostCenterID="cc1")).status_code == 204
        assert (await assign(acme, "acme", CostCenterID="cc1", UserGroupID="g1")).status_code == 204
    assert (await assign(acme, "acme", CostCenterID="cc2", UserGroupID="g2")).status_code == 204
    assert (await assign(acme, "globex", CostCenterID="x-cc", UserGroupID="gx")).status_code == 204

    assert await listed(client, acme) == [("cc1", None), ("cc1", "g1"), ("cc2", "g2")]
    assert await listed(client, acme, costCenterID="cc2") == [("cc2", "g2")]
    assert await listed(client, acme, userGroupID="g1") == [("cc1", "g1")]
    assert await listed(client, acme, level="Company") == [("cc1", None)]
    assert await listed(client, acme, level="group") == [("cc1", "g1"), ("cc2", "g2")]
    assert await listed(client, acme, level="User") == []
    page = await client.get(f"{URL}/assignments", params={"pageSize": 2, "page": 2}, headers=acme.admin)
    assert page.json()["Items"] == [{"CostCenterID": "cc2", "UserGroupID": "g2"}]
    assert page.json()["Meta"]["TotalCount"] == 3
    for params, code in (
        ({"userID": "u1"}, "List.InvalidProperty"),
        ({"level": "Everyone"}, "ValidationFailure"),
        ({"search": "cc"}, "List.InvalidSearchProperty"),
        ({"sortBy": "CostCenterID"}, "List.InvalidSortProperty"),
    ):
        response = await client.get(f"{URL}/assignments", params=params, headers=acme.admin)
        assert response.status_code == 400, params
        assert error(response)["ErrorCode"] == code

    deleted = await client.delete(f"{URL}/cc1/assignments", params={"userGroupID": "g1"}, headers=acme.admin)
    assert deleted.status_code == 204
    assert await listed(client, acme) == [("cc1", None), ("cc2", "g2")]
    assert (await client.delete(f"{URL}/cc1/assignments", headers=acme.admin)).status_code == 204
    assert (await client.delete(f"{URL}/cc1/assignments", headers=acme.admin)).status_code == 204  # idempotent
    assert await listed(client, acme) == [("cc2", "g2")]
    user_level = await client.delete(f"{URL}/cc2/assignments", params={"userID": "u1"}, headers=acme.admin)
    assert user_level.status_code == 400
    assert error(user_level)["ErrorCode"] == "PartyAssignment.UserLevelNotAllowed"
    missing = await client.delete(f"{URL}/nope/assignments", headers=acme.admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "CostCenter", "ObjectID": "nope"}


async def test_deleting_or_renaming_a_cost_center_takes_its_assignments_along(
    client: httpx.AsyncClient, acme: Org
) -> None:
    await assign(acme, "acme", CostCenterID="cc1")
    await assign(acme, "acme", CostCenterID="cc1", UserGroupID="g1")
    await assign(acme, "acme", CostCenterID="cc2", UserGroupID="g1")
    assert (await client.put(f"{URL}/cc2", json={"ID": "cc9", "Name": "Nine"}, headers=acme.admin)).status_code == 200
    assert (await client.delete(f"{URL}/cc1", headers=acme.admin)).status_code == 204
    assert await listed(client, acme) == [("cc9", "g1")]
    await cost_center(acme, "acme", "cc1")
    assert await listed(client, acme, costCenterID="cc1") == []
    assert (await client.delete("/v1/buyers/acme/usergroups/g1", headers=acme.admin)).status_code == 204
    assert await listed(client, acme) == []
