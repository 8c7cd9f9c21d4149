from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group, shopper

ME = "/v1/me/spendingAccounts"  # as the SDKs spell the list; the item route is lower-case there
ADMIN = "/v1/buyers/b1/spendingaccounts"


def at(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


async def world(client: httpx.AsyncClient, callers: Callers) -> dict[str, dict[str, str]]:
    """Buyer b1 with u1 (in g1) and u2, buyer b2 with u3. Accounts of b1 and who they are assigned to:

    s-company: the buyer · s-group: g1 · s-user: u1 · s-multi: buyer, g1 and u1 · s-none: nobody ·
    s-expired (ended yesterday), s-future (starts tomorrow), s-current (started yesterday, ends tomorrow): the buyer."""
    await callers.buyer("b1")
    await callers.buyer("b2")
    people = {
        "u1": await shopper(callers, "b1", "u1"),
        "u2": await shopper(callers, "b1", "u2"),
        "u3": await shopper(callers, "b2", "u3"),
    }
    await group(client, callers, "b1", "g1", "u1")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    dates: dict[str, dict[str, str]] = {
        "s-expired": {"StartDate": at(-30), "EndDate": at(-1)},
        "s-future": {"StartDate": at(1), "EndDate": at(30)},
        "s-current": {"StartDate": at(-1), "EndDate": at(1)},
    }
    for account_id in ("s-company", "s-group", "s-user", "s-multi", "s-none", *dates):
        body = {"ID": account_id, "Name": account_id, "Balance": 100, **dates.get(account_id, {})}
        assert (await client.post(ADMIN, json=body, headers=admin)).status_code == 201
    assignments: list[dict[str, object]] = [
        {"SpendingAccountID": "s-company"},
        {"SpendingAccountID": "s-group", "UserGroupID": "g1"},
        {"SpendingAccountID": "s-user", "UserID": "u1", "AllowExceed": True},
        {"SpendingAccountID": "s-multi"},
        {"SpendingAccountID": "s-multi", "UserGroupID": "g1"},
        {"SpendingAccountID": "s-multi", "UserID": "u1"},
        {"SpendingAccountID": "s-expired"},
        {"SpendingAccountID": "s-future"},
        {"SpendingAccountID": "s-current"},
    ]
    for assignment in assignments:
        assert (await client.post(f"{ADMIN}/assignments", json=assignment, headers=admin)).status_code == 204
    people["admin"] = admin
    return people


async def ids(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(ME, params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["Meta"]["TotalCount"] == len(response.json()["Items"])
    return [account["ID"] for account in response.json()["Items"]]


async def test_assigned_current_accounts_once_each(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    u1 = people["u1"]
    assert await ids(client, u1) == ["s-company", "s-current", "s-group", "s-multi", "s-user"]
    assert await ids(client, people["u2"]) == ["s-company", "s-current", "s-multi"]
    assert await ids(client, people["u3"]) == []
    assert await ids(client, u1, search="user") == ["s-user"]
    assert await ids(client, u1, Name="s-c*", sortBy="!Name") == ["s-current", "s-company"]
    lower = await client.get("/v1/me/spendingaccounts", headers=u1)
    assert [a["ID"] for a in lower.json()["Items"]] == await ids(client, u1)

    got = await client.get("/v1/me/spendingaccounts/s-user", headers=u1)
    assert got.status_code == 200
    assert got.json() == (await client.get(f"{ADMIN}/s-user", headers=people["admin"])).json()
    assert got.json()["Balance"] == 100
    assert (await client.get("/v1/me/spendingAccounts/s-multi", headers=u1)).status_code == 200
    for hidden in ("s-none", "s-expired", "s-future", "s-group-nope"):
        response = await client.get(f"/v1/me/spendingaccounts/{hidden}", headers=u1)
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "SpendingAccount", "ObjectID": hidden}
    assert (await client.get("/v1/me/spendingaccounts/s-group", headers=people["u2"])).status_code == 404


async def test_dates_decide_what_shows(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    u1, admin = people["u1"], people["admin"]
    # Extending an expired account brings it back; ending a current one hides it.
    assert (await client.patch(f"{ADMIN}/s-expired", json={"EndDate": None}, headers=admin)).status_code == 200
    assert (await client.patch(f"{ADMIN}/s-future", json={"StartDate": at(-0.01)}, headers=admin)).status_code == 200
    assert (await client.patch(f"{ADMIN}/s-current", json={"EndDate": at(-0.5)}, headers=admin)).status_code == 200
    assert await ids(client, u1) == ["s-company", "s-expired", "s-future", "s-group", "s-multi", "s-user"]


async def test_removed_assignments_and_deleted_accounts_disappear(client: httpx.AsyncClient, callers: Callers) -> None:
    people = await world(client, callers)
    u1, admin = people["u1"], people["admin"]
    assert (
        await client.delete(f"{ADMIN}/s-group/assignments", params={"userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert (await client.delete(f"{ADMIN}/s-multi/assignments", headers=admin)).status_code == 204
    assert (
        await client.delete(f"{ADMIN}/s-multi/assignments", params={"userID": "u1"}, headers=admin)
    ).status_code == 204
    assert await ids(client, u1) == ["s-company", "s-current", "s-multi", "s-user"]  # s-multi: still via g1
    groups = await callers.headers(Role.UserGroupAdmin)
    assert (await client.delete("/v1/buyers/b1/usergroups/g1/assignments/u1", headers=groups)).status_code == 204
    assert await ids(client, u1) == ["s-company", "s-current", "s-user"]
    assert (await client.delete(f"{ADMIN}/s-user", headers=admin)).status_code == 204
    assert (await client.delete(f"{ADMIN}/s-company", headers=admin)).status_code == 204
    assert await ids(client, u1) == ["s-current"]
    assert (await client.get("/v1/me/spendingaccounts/s-user", headers=u1)).status_code == 404
    listed = await client.get(f"{ADMIN}/assignments", params={"spendingAccountID": "s-user"}, headers=admin)
    assert listed.json()["Items"] == []


async def test_roles_and_non_buyer_callers(client: httpx.AsyncClient, callers: Callers) -> None:
    await world(client, callers)
    no_shopper = await shopper(callers, "b1", "u9", Role.SpendingAccountAdmin, Role.MeCreditCardAdmin)
    for path in (ME, "/v1/me/spendingaccounts/s-company"):
        refused = await client.get(path, headers=no_shopper)
        assert refused.status_code == 403
        assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    admin_user = await callers.headers(Role.Shopper)
    assert await ids(client, admin_user) == []
    assert (await client.get("/v1/me/spendingaccounts/s-company", headers=admin_user)).status_code == 404
    supplier = await callers.headers(Role.Shopper, user_type=UserType.SUPPLIER)
    assert await ids(client, supplier) == []
