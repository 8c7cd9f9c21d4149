"""The marketplace's admin users keep FullAccess: the last security profile granting it to them at admin level
(marketplace, admin group or admin user) cannot be deleted, lose FullAccess, or lose its last admin assignment
(409 SecurityProfile.LastAdminAccess, docs/decisions/0024). OrderCloud lets you lock yourself out; we do not."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import anyio
import httpx
import pytest
from sqlalchemy import insert

from mercato.auth.roles import Role
from mercato.context import Caller, RequestContext, UserType
from mercato.db.engine import Database
from mercato.db.tables import user_groups
from mercato.errors import Conflict
from mercato.resources.security_profiles import service
from tests.fixtures.identity import Callers

URL = "/v1/securityprofiles"
ASSIGNMENTS = f"{URL}/assignments"
LAST = "SecurityProfile.LastAdminAccess"


@pytest.fixture
async def headers(client: httpx.AsyncClient, callers: Callers, database: Database) -> dict[str, str]:
    """Profile "admins" (FullAccess) assigned at marketplace level; admin user "ann", admin group "ops", buyer
    "b1"; and a caller who may change security profiles."""
    admin = await callers.headers(Role.SecurityProfileAdmin)
    await callers.user(UserType.ADMIN, "", "ann")
    await callers.buyer("b1")
    async with database.transaction() as connection:
        await connection.execute(
            insert(user_groups).values(
                marketplace_id=callers.marketplace_id, group_type=UserType.ADMIN, company_id="", id="ops", name="ops"
            )
        )
    await profile(client, admin, "admins", ["FullAccess"])
    await assign(client, admin, "admins")
    return admin


async def profile(client: httpx.AsyncClient, headers: dict[str, str], profile_id: str, roles: list[str]) -> None:
    made = await client.post(URL, json={"ID": profile_id, "Name": profile_id, "Roles": roles}, headers=headers)
    assert made.status_code == 201, made.text


async def assign(client: httpx.AsyncClient, headers: dict[str, str], profile_id: str, **parties: str) -> None:
    saved = await client.post(ASSIGNMENTS, json={"SecurityProfileID": profile_id, **parties}, headers=headers)
    assert saved.status_code == 204, saved.text


def refused(response: httpx.Response, profile_id: str) -> None:
    assert response.status_code == 409, response.text
    error = response.json()["Errors"][0]
    assert error["ErrorCode"] == LAST
    assert error["Data"] == {"SecurityProfileID": profile_id}


async def assignments(client: httpx.AsyncClient, headers: dict[str, str]) -> set[tuple[Any, ...]]:
    response = await client.get(ASSIGNMENTS, headers=headers)
    return {tuple(item.values()) for item in response.json()["Items"]}


async def test_the_last_full_access_profile_stays(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    before = await assignments(client, headers)
    refused(await client.delete(f"{URL}/admins", headers=headers), "admins")
    refused(await client.patch(f"{URL}/admins", json={"Roles": ["Shopper"]}, headers=headers), "admins")
    refused(await client.patch(f"{URL}/admins", json={"Roles": None}, headers=headers), "admins")
    refused(await client.put(f"{URL}/admins", json={"Name": "Admins"}, headers=headers), "admins")
    refused(await client.put(f"{URL}/admins", json={"Name": "A", "Roles": ["OrderAdmin"]}, headers=headers), "admins")
    refused(await client.delete(f"{URL}/admins/assignments", headers=headers), "admins")
    got = await client.get(f"{URL}/admins", headers=headers)
    assert got.json()["Roles"] == ["FullAccess"]  # nothing of the refused writes stayed
    assert await assignments(client, headers) == before

    # What keeps FullAccess is allowed: other roles beside it, another name, another ID (the assignment follows).
    kept = await client.patch(f"{URL}/admins", json={"Roles": ["Shopper", "FullAccess"]}, headers=headers)
    assert kept.status_code == 200, kept.text
    saved = await client.put(f"{URL}/admins", json={"Name": "Admins", "Roles": ["FullAccess"]}, headers=headers)
    assert saved.status_code == 200, saved.text
    renamed = await client.patch(f"{URL}/admins", json={"ID": "root"}, headers=headers)
    assert renamed.status_code == 200, renamed.text
    refused(await client.delete(f"{URL}/root", headers=headers), "root")
    assert (await client.delete(f"{URL}/admins", headers=headers)).status_code == 404


@pytest.mark.parametrize("parties", [{}, {"UserID": "ann"}, {"UserGroupID": "ops"}], ids=["all", "user", "group"])
async def test_full_access_given_to_admins_by_another_profile_counts(
    client: httpx.AsyncClient, headers: dict[str, str], parties: dict[str, str]
) -> None:
    await profile(client, headers, "backup", ["FullAccess", "Shopper"])
    await assign(client, headers, "backup", **parties)
    gone = await client.delete(f"{URL}/admins", headers=headers)
    assert gone.status_code == 204, gone.text
    # Now "backup" holds the last one, whatever level it is assigned at.
    refused(await client.delete(f"{URL}/backup/assignments", params=_query(parties), headers=headers), "backup")
    refused(await client.patch(f"{URL}/backup", json={"Roles": ["Shopper"]}, headers=headers), "backup")
    refused(await client.delete(f"{URL}/backup", headers=headers), "backup")


def _query(parties: dict[str, str]) -> dict[str, str]:
    return {"userID": parties["UserID"]} if "UserID" in parties else {"userGroupID": parties.get("UserGroupID", "")}


async def test_a_second_assignment_of_the_same_profile_counts(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    await assign(client, headers, "admins", UserID="ann")
    assert (await client.delete(f"{URL}/admins/assignments", headers=headers)).status_code == 204
    refused(await client.delete(f"{URL}/admins/assignments", params={"userID": "ann"}, headers=headers), "admins")


async def test_full_access_elsewhere_does_not_count(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    await profile(client, headers, "shoppers", ["FullAccess"])
    await assign(client, headers, "shoppers", BuyerID="b1")  # buyer users, not admins
    await profile(client, headers, "spare", ["FullAccess"])  # assigned to nobody
    await profile(client, headers, "orders", ["OrderAdmin"])
    await assign(client, headers, "orders")  # admins, but not FullAccess
    refused(await client.delete(f"{URL}/admins", headers=headers), "admins")
    for other in ("shoppers", "spare", "orders"):  # those go freely
        assert (await client.delete(f"{URL}/{other}", headers=headers)).status_code == 204


async def test_without_admin_full_access_nothing_is_protected(client: httpx.AsyncClient, callers: Callers) -> None:
    headers = await callers.headers(Role.SecurityProfileAdmin)
    await profile(client, headers, "plain", ["FullAccess"])
    await assign(client, headers, "plain", BuyerID="b1")
    assert (await client.patch(f"{URL}/plain", json={"Roles": []}, headers=headers)).status_code == 200
    assert (await client.delete(f"{URL}/plain", headers=headers)).status_code == 204


async def test_two_concurrent_deletes_leave_one(
    client: httpx.AsyncClient, callers: Callers, database: Database, headers: dict[str, str]
) -> None:
    """Each of two concurrent requests deletes one of two FullAccess profiles: the second waits for the first to
    commit, then sees its profile is the last one. Driven through the service, to hold the first open."""
    await profile(client, headers, "backup", ["FullAccess"])
    await assign(client, headers, "backup", UserID="ann")
    caller = Caller(callers.marketplace_id, "u", "u", "u", UserType.ADMIN, "", "c", frozenset({"FullAccess"}), "t")
    outcome: list[str] = []

    async def second() -> None:
        try:
            async with database.transaction() as connection:
                await service.delete(RequestContext(caller, connection, "second", datetime.now(UTC)), "backup")
            outcome.append("deleted")
        except Conflict as refusal:
            outcome.append(refusal.code)

    async with anyio.create_task_group() as tasks, database.transaction() as connection:
        await service.delete(RequestContext(caller, connection, "first", datetime.now(UTC)), "admins")
        tasks.start_soon(second)
        await anyio.sleep(0.5)  # time enough for the second to finish, were it not waiting for this one
        assert outcome == []
    assert outcome == [LAST]
    left = (await client.get(URL, headers=headers)).json()["Items"]
    assert [(p["ID"], p["Roles"]) for p in left] == [("backup", ["FullAccess"])]
