from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import user_groups
from tests.fixtures.identity import Callers

URL = "/v1/securityprofiles"
ASSIGNMENTS = f"{URL}/assignments"


async def add_group(database: Database, marketplace_id: str, group_type: UserType, company_id: str, gid: str) -> None:
    async with database.transaction() as connection:
        await connection.execute(
            insert(user_groups).values(
                marketplace_id=marketplace_id, group_type=group_type, company_id=company_id, id=gid, name=gid
            )
        )


async def profiles(client: httpx.AsyncClient, headers: dict[str, str], *ids: str) -> None:
    for profile_id in ids:
        made = await client.post(URL, json={"ID": profile_id, "Name": profile_id}, headers=headers)
        assert made.status_code == 201


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    response = await client.get(ASSIGNMENTS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


def assignment(profile: str, **parties: str) -> dict[str, Any]:
    unset: dict[str, Any] = {"BuyerID": None, "SupplierID": None, "UserID": None, "UserGroupID": None}
    return {"SecurityProfileID": profile} | unset | parties


@pytest.fixture
async def world(client: httpx.AsyncClient, callers: Callers, database: Database) -> dict[str, str]:
    """Profiles p1, p2; admin user "ann" and group "ops"; buyer b1's user "bob" and group "b-team";
    supplier s1's user "sue" and group "s-team"."""
    headers = await callers.headers(Role.SecurityProfileAdmin)
    await profiles(client, headers, "p1", "p2")
    await callers.user(UserType.ADMIN, "", "ann")
    await callers.user(UserType.BUYER, "b1", "bob")
    await callers.user(UserType.SUPPLIER, "s1", "sue")
    mid = callers.marketplace_id
    await add_group(database, mid, UserType.ADMIN, "", "ops")
    await add_group(database, mid, UserType.BUYER, "b1", "b-team")
    await add_group(database, mid, UserType.SUPPLIER, "s1", "s-team")
    return headers


SAVED = [
    assignment("p1"),
    assignment("p1", UserID="ann"),
    assignment("p1", UserGroupID="ops"),
    assignment("p1", BuyerID="b1"),
    assignment("p1", BuyerID="b1", UserID="bob"),
    assignment("p2", BuyerID="b1", UserGroupID="b-team"),
    assignment("p2", SupplierID="s1"),
    assignment("p2", SupplierID="s1", UserID="sue"),
    assignment("p2", SupplierID="s1", UserGroupID="s-team"),
]


async def save_all(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for body in SAVED:
        sent = {key: value for key, value in body.items() if value is not None}
        response = await client.post(ASSIGNMENTS, json=sent, headers=headers)
        assert response.status_code == 204, (body, response.text)
        assert response.content == b""


def keys(items: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {tuple(item.values()) for item in items}


async def test_save_and_list_every_level(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)
    await save_all(client, world)  # idempotent
    everything = await listed(client, world)
    assert len(everything) == len(SAVED)
    assert keys(everything) == keys(SAVED)
    assert all(
        list(item) == ["SecurityProfileID", "BuyerID", "SupplierID", "UserID", "UserGroupID"] for item in everything
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"securityProfileID": "p2"}, [s for s in SAVED if s["SecurityProfileID"] == "p2"]),
        ({"buyerID": "b1"}, [s for s in SAVED if s["BuyerID"] == "b1"]),
        ({"supplierID": "s1"}, [s for s in SAVED if s["SupplierID"] == "s1"]),
        ({"userID": "bob"}, [assignment("p1", BuyerID="b1", UserID="bob")]),
        ({"userGroupID": "ops"}, [assignment("p1", UserGroupID="ops")]),
        ({"commerceRole": "Seller"}, SAVED[:3]),
        ({"commerceRole": "buyer"}, [s for s in SAVED if s["BuyerID"]]),
        ({"commerceRole": "Supplier"}, [s for s in SAVED if s["SupplierID"]]),
        ({"level": "User"}, [s for s in SAVED if s["UserID"]]),
        ({"level": "Group"}, [s for s in SAVED if s["UserGroupID"]]),
        ({"level": "Company"}, [assignment("p1"), assignment("p1", BuyerID="b1"), assignment("p2", SupplierID="s1")]),
        ({"commerceRole": "Seller", "level": "Company"}, [assignment("p1")]),
        ({"buyerID": "b1", "level": "User"}, [assignment("p1", BuyerID="b1", UserID="bob")]),
        ({"buyerID": "", "userID": ""}, SAVED),
        ({"buyerID": "nobody"}, []),
    ],
)
async def test_list_filters(
    client: httpx.AsyncClient, world: dict[str, str], params: dict[str, str], expected: list[dict[str, Any]]
) -> None:
    await save_all(client, world)
    assert keys(await listed(client, world, **params)) == keys(expected)


async def test_list_paging_and_refused_queries(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)
    first = await client.get(ASSIGNMENTS, params={"pageSize": 4}, headers=world)
    second = await client.get(ASSIGNMENTS, params={"pageSize": 4, "page": 3}, headers=world)
    assert first.json()["Meta"] == {
        "Page": 1,
        "PageSize": 4,
        "TotalCount": 9,
        "TotalPages": 3,
        "ItemRange": [1, 4],
        "NextPageKey": None,
    }
    assert second.json()["Meta"]["ItemRange"] == [9, 9]
    pages = [await listed(client, world, pageSize=2, page=n) for n in range(1, 6)]
    assert keys([item for page in pages for item in page]) == keys(SAVED)
    for params, code in (
        ({"commerceRole": "Admin"}, "ValidationFailure"),
        ({"level": "Marketplace"}, "ValidationFailure"),
        ({"SecurityProfileID": "p1"}, "List.InvalidProperty"),
        ({"xp.a": "1"}, "List.InvalidProperty"),
        ({"sortBy": "SecurityProfileID"}, "List.InvalidSortProperty"),
        ({"search": "p1"}, "List.InvalidSearchProperty"),
        ({"pageSize": "101"}, "List.InvalidPageSize"),
    ):
        refused = await client.get(ASSIGNMENTS, params=params, headers=world)
        assert refused.status_code == 400, params
        assert refused.json()["Errors"][0]["ErrorCode"] == code


@pytest.mark.parametrize(
    ("body", "status", "code", "data"),
    [
        (
            {"SecurityProfileID": "p1", "BuyerID": "b1", "SupplierID": "s1"},
            400,
            "PartyAssignment.CannotSpecifyBuyerAndSupplier",
            None,
        ),
        (
            {"SecurityProfileID": "p1", "UserID": "ann", "UserGroupID": "ops"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({}, 400, "ValidationFailure", {"Field": "SecurityProfileID"}),
        ({"SecurityProfileID": ""}, 400, "ValidationFailure", {"Field": "SecurityProfileID"}),
        ({"SecurityProfileID": "p1", "UserID": "u" * 101}, 400, "ValidationFailure", {"Field": "UserID"}),
        ({"SecurityProfileID": "p1", "UserGroupID": "g\u0000"}, 400, "ValidationFailure", {"Field": "UserGroupID"}),
        ({"SecurityProfileID": "nope"}, 404, "NotFound", {"ObjectType": "SecurityProfile", "ObjectID": "nope"}),
        ({"SecurityProfileID": "p1", "UserID": "ghost"}, 404, "NotFound", {"ObjectType": "User", "ObjectID": "ghost"}),
        ({"SecurityProfileID": "p1", "UserID": "bob"}, 404, "NotFound", {"ObjectType": "User", "ObjectID": "bob"}),
        (
            {"SecurityProfileID": "p1", "BuyerID": "b2", "UserID": "bob"},
            404,
            "NotFound",
            {"ObjectType": "User", "ObjectID": "bob"},
        ),
        (
            {"SecurityProfileID": "p1", "SupplierID": "s1", "UserID": "bob"},
            404,
            "NotFound",
            {"ObjectType": "User", "ObjectID": "bob"},
        ),
        (
            {"SecurityProfileID": "p1", "UserGroupID": "b-team"},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "b-team"},
        ),
        (
            {"SecurityProfileID": "p1", "BuyerID": "b1", "UserGroupID": "ops"},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "ops"},
        ),
    ],
)
async def test_save_rules(
    client: httpx.AsyncClient,
    world: dict[str, str],
    body: dict[str, Any],
    status: int,
    code: str,
    data: dict[str, str] | None,
) -> None:
    response = await client.post(ASSIGNMENTS, json=body, headers=world)
    assert response.status_code == status, response.text
    error = response.json()["Errors"][0]
    assert error["ErrorCode"] == code
    if data is not None:
        assert error["Data"] == data
    assert await listed(client, world) == []


async def test_company_level_ids_are_not_checked_yet(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    saved = await client.post(ASSIGNMENTS, json={"SecurityProfileID": "p1", "BuyerID": "no-such-buyer"}, headers=world)
    assert saved.status_code == 204
    blank = await client.post(
        ASSIGNMENTS, json={"SecurityProfileID": "p1", "SupplierID": "", "UserID": None}, headers=world
    )
    assert blank.status_code == 204
    assert keys(await listed(client, world)) == keys([assignment("p1", BuyerID="no-such-buyer"), assignment("p1")])


async def test_delete_assignment(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)

    async def remove(profile: str, **params: str) -> httpx.Response:
        return await client.delete(f"{URL}/{profile}/assignments", params=params, headers=world)

    assert (await remove("p1", buyerID="b1", userID="bob")).status_code == 204
    remaining = [s for s in SAVED if s != assignment("p1", BuyerID="b1", UserID="bob")]
    assert keys(await listed(client, world)) == keys(remaining)

    assert (await remove("p1")).status_code == 204  # the marketplace-level one only
    remaining.remove(assignment("p1"))
    assert keys(await listed(client, world)) == keys(remaining)

    again = await remove("p1")
    assert again.status_code == 204  # idempotent, like the save
    assert (await remove("p2", userGroupID="s-team")).status_code == 204  # wrong company: nothing matches
    assert keys(await listed(client, world)) == keys(remaining)

    missing = await remove("nope")
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "SecurityProfile", "ObjectID": "nope"}
    both = await remove("p2", buyerID="b1", supplierID="s1")
    assert both.json()["Errors"][0]["ErrorCode"] == "PartyAssignment.CannotSpecifyBuyerAndSupplier"
    pair = await remove("p2", userID="x", userGroupID="y")
    assert pair.json()["Errors"][0]["ErrorCode"] == "PartyAssignment.CannotSpecifyGroupAndUser"


async def test_deleting_a_profile_deletes_its_assignments(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)
    assert (await client.delete(f"{URL}/p1", headers=world)).status_code == 204
    assert keys(await listed(client, world)) == keys([s for s in SAVED if s["SecurityProfileID"] == "p2"])
    await profiles(client, world, "p1")  # a new profile under the old ID starts with none
    assert await listed(client, world, securityProfileID="p1") == []


async def test_renaming_a_profile_keeps_its_assignments(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)
    p1 = keys([s for s in SAVED if s["SecurityProfileID"] == "p1"])

    renamed = await client.put(f"{URL}/p1", json={"ID": "admins", "Name": "Admins"}, headers=world)
    assert renamed.status_code == 200
    assert renamed.json()["ID"] == "admins"
    assert await listed(client, world, securityProfileID="p1") == []
    moved = await listed(client, world, securityProfileID="admins")
    assert {(None, *key[1:]) for key in keys(moved)} == {(None, *key[1:]) for key in p1}

    patched = await client.patch(f"{URL}/admins", json={"ID": "staff"}, headers=world)
    assert patched.status_code == 200
    assert len(await listed(client, world, securityProfileID="staff")) == len(p1)
    assert await listed(client, world, securityProfileID="admins") == []
    assert (await client.get(f"{URL}/p1", headers=world)).status_code == 404


async def test_routes(client: httpx.AsyncClient, world: dict[str, str]) -> None:
    await save_all(client, world)
    mixed_case = await client.get("/v1/SecurityProfiles/Assignments", headers=world)
    assert mixed_case.status_code == 200
    assert mixed_case.json()["Meta"]["TotalCount"] == len(SAVED)
    assert (await client.get(f"{URL}/p1", headers=world)).json()["ID"] == "p1"
    refused = await client.put(ASSIGNMENTS, json={"Name": "x"}, headers=world)
    assert refused.status_code == 405
    assert (await client.delete(f"{URL}/p1/Assignments", headers=world)).status_code == 204
