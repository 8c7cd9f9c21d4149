from __future__ import annotations

from typing import Any

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers


def user_body(user_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "ID": user_id,
        "Username": f"{user_id}-name",
        "FirstName": "F",
        "LastName": "L",
        "Email": f"{user_id}@example.com",
        "Active": True,
    } | extra


async def buyer_headers(callers: Callers, uid: str, role: str) -> dict[str, str]:
    token = await callers.token(role, uid=uid, user_type=UserType.BUYER, company_id="mine")
    return {"Authorization": f"Bearer {token}"}


async def test_buyer_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.BuyerAdmin)
    made = await client.post("/v1/buyers", json={"ID": "acme", "Name": "Acme", "Active": True}, headers=admin)
    assert made.status_code == 201
    assert made.json()["DateCreated"]
    assert made.json()["DefaultCatalogID"] == "acme"  # a default catalog with the buyer's ID
    listed = await client.get("/v1/buyers", params={"search": "acm"}, headers=admin)
    assert [b["ID"] for b in listed.json()["Items"]] == ["acme"]
    patched = await client.patch("/v1/buyers/acme", json={"xp": {"tier": "gold"}}, headers=admin)
    assert patched.json()["xp"] == {"tier": "gold"}
    assert patched.json()["Active"] is True
    sellers = await client.get("/v1/buyers/acme/sellers", headers=admin)
    assert sellers.json()["Items"] == [{"ID": callers.marketplace_id, "Name": callers.marketplace_id}]
    assert (await client.delete("/v1/buyers/acme", headers=admin)).status_code == 204
    assert (await client.get("/v1/buyers/acme", headers=admin)).status_code == 404


async def test_buyer_users_see_and_administer_only_their_own_buyer(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("mine")
    await callers.buyer("theirs")
    uid = await callers.user(UserType.BUYER, "mine")
    me = await buyer_headers(callers, uid, Role.BuyerAdmin)
    listed = await client.get("/v1/buyers", headers=me)
    assert [b["ID"] for b in listed.json()["Items"]] == ["mine"]
    assert (await client.get("/v1/buyers/theirs", headers=me)).status_code == 404
    assert (await client.patch("/v1/buyers/theirs", json={"Name": "x"}, headers=me)).status_code == 404
    assert (await client.patch("/v1/buyers/mine", json={"Name": "Mine!"}, headers=me)).json()["Name"] == "Mine!"
    create = await client.post("/v1/buyers", json={"Name": "new"}, headers=me)
    assert create.status_code == 403
    assert create.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
    assert (await client.delete("/v1/buyers/mine", headers=me)).status_code == 403
    assert (await client.get("/v1/buyers/theirs/users", headers=me)).status_code == 403
    users_role = await buyer_headers(callers, uid, Role.BuyerUserAdmin)
    other = await client.get("/v1/buyers/theirs/users", headers=users_role)
    assert other.status_code == 404
    assert other.json()["Errors"][0]["Data"] == {"ObjectType": "Buyer", "ObjectID": "theirs"}
    assert (await client.get("/v1/buyers/mine/users", headers=users_role)).status_code == 200


async def test_buyer_users_groups_and_move(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    for buyer in ("b1", "b2"):
        await client.post("/v1/buyers", json={"ID": buyer, "Name": buyer, "Active": True}, headers=admin)
    for user in ("ann", "bob"):
        made = await client.post("/v1/buyers/b1/users", json=user_body(user), headers=admin)
        assert made.status_code == 201, made.text
        assert made.json()["CompanyID"] == "b1"
    await client.post("/v1/buyers/b1/usergroups", json={"ID": "vip", "Name": "VIP"}, headers=admin)
    await client.post(
        "/v1/buyers/b1/usergroups/assignments", json={"UserGroupID": "vip", "UserID": "ann"}, headers=admin
    )
    in_group = await client.get("/v1/buyers/b1/users", params={"userGroupID": "vip"}, headers=admin)
    assert [u["ID"] for u in in_group.json()["Items"]] == ["ann"]
    across = await client.get("/v1/buyerusers", params={"sortBy": "ID"}, headers=admin)
    assert [(u["ID"], u["CompanyID"]) for u in across.json()["Items"]] == [("ann", "b1"), ("bob", "b1")]
    bad = await client.post("/v1/buyers/b1/users/ann/moveto/b2", params={"orders": "Some"}, headers=admin)
    assert bad.status_code == 400
    nowhere = await client.post("/v1/buyers/b1/users/ann/moveto/nope", params={"orders": "None"}, headers=admin)
    assert nowhere.status_code == 404
    moved = await client.post("/v1/buyers/b1/users/ann/moveto/b2", params={"orders": "None"}, headers=admin)
    assert moved.status_code == 201
    assert moved.json()["CompanyID"] == "b2"
    assert (await client.get("/v1/buyers/b1/users/ann", headers=admin)).status_code == 404
    assert (await client.get("/v1/buyers/b2/users/ann", headers=admin)).status_code == 200
    assert (await client.get("/v1/buyers/b1/usergroups/assignments", headers=admin)).json()["Items"] == []


async def test_deleting_a_buyer_removes_everything_it_owns(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    await client.post("/v1/buyers", json={"ID": "gone", "Name": "Gone", "Active": True}, headers=admin)
    await client.post("/v1/buyers/gone/users", json=user_body("u1", Username="reusable"), headers=admin)
    await client.post("/v1/buyers/gone/usergroups", json={"ID": "g", "Name": "G"}, headers=admin)
    await client.post(
        "/v1/buyers/gone/usergroups/assignments", json={"UserGroupID": "g", "UserID": "u1"}, headers=admin
    )
    await client.post("/v1/securityprofiles", json={"ID": "sp", "Name": "SP", "Roles": ["Shopper"]}, headers=admin)
    for assignment in (
        {"BuyerID": "gone"},
        {"BuyerID": "gone", "UserGroupID": "g"},
        {"BuyerID": "gone", "UserID": "u1"},
    ):
        saved = await client.post(
            "/v1/securityprofiles/assignments", json={"SecurityProfileID": "sp"} | assignment, headers=admin
        )
        assert saved.status_code == 204, saved.text
    assert (await client.delete("/v1/buyers/gone", headers=admin)).status_code == 204
    profiles = await client.get("/v1/securityprofiles/assignments", params={"securityProfileID": "sp"}, headers=admin)
    assert profiles.json()["Items"] == []
    # the username is free again at once
    await client.post("/v1/buyers", json={"ID": "next", "Name": "Next", "Active": True}, headers=admin)
    again = await client.post("/v1/buyers/next/users", json=user_body("u9", Username="reusable"), headers=admin)
    assert again.status_code == 201


async def test_renaming_a_buyer_carries_its_users_along(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    await client.post("/v1/buyers", json={"ID": "old", "Name": "Old", "Active": True}, headers=admin)
    await client.post("/v1/buyers/old/users", json=user_body("carry"), headers=admin)
    renamed = await client.patch("/v1/buyers/old", json={"ID": "new"}, headers=admin)
    assert renamed.json()["ID"] == "new"
    moved = await client.get("/v1/buyers/new/users/carry", headers=admin)
    assert moved.status_code == 200
    assert moved.json()["CompanyID"] == "new"
