from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import spending_accounts
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group, shopper

URL = "/v1/buyers/b1/spendingaccounts"
ASSIGN = f"{URL}/assignments"
ACCOUNT = {
    "ID": "travel",
    "Name": "Travel budget",
    "Balance": 1500.25,
    "AllowAsPaymentMethod": True,
    "RedemptionCode": "TRAVEL-2030",
    "StartDate": "2030-01-01T00:00:00+00:00",
    "EndDate": "2030-12-31T00:00:00+00:00",
    "xp": {"region": "EU"},
}


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    made = await client.post(URL, json=ACCOUNT, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/buyers/b1/spendingaccounts/travel"
    account = made.json()
    assert account == ACCOUNT | {"StartDate": "2030-01-01T00:00:00Z", "EndDate": "2030-12-31T00:00:00Z"}
    assert '"Balance":1500.25' in made.text  # a JSON number, as OrderCloud sends it
    assert (await client.get(f"{URL}/travel", headers=admin)).json() == account

    patched = await client.patch(f"{URL}/travel", json={"Name": "Trips", "xp": {"cap": 3}}, headers=admin)
    assert patched.status_code == 200
    assert patched.json() == account | {"Name": "Trips", "xp": {"region": "EU", "cap": 3}}
    balance = await client.patch(f"{URL}/travel", json={"Balance": -20}, headers=admin)
    assert balance.json()["Balance"] == -20  # AllowExceed can take a balance below zero; admins may set one

    saved = await client.put(f"{URL}/travel", json={"Name": "Travel", "Balance": 0}, headers=admin)
    assert saved.json() == {
        "ID": "travel",
        "Name": "Travel",
        "Balance": 0,
        "AllowAsPaymentMethod": False,
        "RedemptionCode": None,
        "StartDate": None,
        "EndDate": None,
        "xp": None,
    }
    put_new = await client.put(f"{URL}/gift", json={"Name": "Gift card", "Balance": 50}, headers=admin)
    assert put_new.status_code == 200
    generated = await client.post(URL, json={"Name": "Anon", "Balance": 5}, headers=admin)
    assert len(generated.json()["ID"]) == 22

    assert [a["Name"] for a in items(await client.get(URL, headers=admin))] == ["Anon", "Gift card", "Travel"]
    assert {a["ID"] for a in items(await client.get(URL, params={"Balance": ">=5"}, headers=admin))} == {
        "gift",
        generated.json()["ID"],
    }
    assert [a["ID"] for a in items(await client.get(URL, params={"search": "gift"}, headers=admin))] == ["gift"]
    bad_filter = await client.get(URL, params={"Balance": "lots"}, headers=admin)
    assert bad_filter.status_code == 400
    assert error(bad_filter)["ErrorCode"] == "List.InvalidType"

    renamed = await client.patch(f"{URL}/gift", json={"ID": "gift2"}, headers=admin)
    assert renamed.json()["ID"] == "gift2"
    assert (await client.delete(f"{URL}/gift2", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/gift2", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/gift2", headers=admin)).status_code == 404


@pytest.mark.parametrize(
    ("sent", "stored"),
    [(10.005, 10.01), (0.1, 0.1), (-2.675, -2.68), (7, 7), (1e12, 1e12), (-0.001, 0), (123456789.99, 123456789.99)],
)
async def test_balance_is_money(client: httpx.AsyncClient, callers: Callers, sent: float, stored: float) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    made = await client.post(URL, json={"ID": "a", "Name": "A", "Balance": sent}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.json()["Balance"] == stored
    assert (await client.get(f"{URL}/a", headers=admin)).json()["Balance"] == stored
    assert items(await client.get(URL, params={"Balance": str(stored)}, headers=admin))[0]["ID"] == "a"


async def test_validation(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"Name": "A"}, "Balance"),
        ({"Name": "A", "Balance": None}, "Balance"),
        ({"Name": "A", "Balance": "10"}, "Balance"),
        ({"Name": "A", "Balance": 1e13}, "Balance"),
        ({"Name": "A", "Balance": -1e300}, "Balance"),
        ({"Balance": 1}, "Name"),
        ({"Name": "", "Balance": 1}, "Name"),
        ({"Name": "n" * 101, "Balance": 1}, "Name"),
        ({"Name": "A", "Balance": 1, "RedemptionCode": "c" * 101}, "RedemptionCode"),
        (
            {"Name": "A", "Balance": 1, "StartDate": "2030-01-02T00:00:00Z", "EndDate": "2030-01-01T00:00:00Z"},
            "EndDate",
        ),
        (
            {"Name": "A", "Balance": 1, "StartDate": "2030-01-01T00:00:00Z", "EndDate": "2030-01-01T00:00:00Z"},
            "EndDate",
        ),
        (
            {"Name": "A", "Balance": 1, "StartDate": "2030-01-01T02:00:00+02:00", "EndDate": "2030-01-01T00:00:00"},
            "EndDate",
        ),
        ({"Name": "A", "Balance": 1, "EndDate": "9999-12-31T23:00:00-05:00"}, "EndDate"),
        ({"ID": "assignments", "Name": "A", "Balance": 1}, "ID"),
    ]
    for body, field in cases:
        response = await client.post(URL, json=body, headers=admin)
        assert response.status_code == 400, (body, response.text)
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"] == {"Field": field}, body
    assert items(await client.get(URL, headers=admin)) == []
    # A PATCH is checked after merging: moving EndDate before the stored StartDate is refused, nothing changes.
    assert (await client.post(URL, json=ACCOUNT, headers=admin)).status_code == 201
    refused = await client.patch(f"{URL}/travel", json={"EndDate": "2029-06-01T00:00:00Z", "Name": "X"}, headers=admin)
    assert refused.status_code == 400
    assert error(refused)["Data"] == {"Field": "EndDate"}
    assert (await client.get(f"{URL}/travel", headers=admin)).json()["Name"] == "Travel budget"
    # Naive dates are UTC; an offset is converted.
    zoned = await client.patch(f"{URL}/travel", json={"StartDate": "2029-12-31T20:00:00-05:00"}, headers=admin)
    assert zoned.json()["StartDate"] == "2030-01-01T01:00:00Z"


async def test_redemption_codes_are_unique_within_a_buyer(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    await callers.buyer("b1")
    await callers.buyer("b2")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    assert (
        await client.post(URL, json={"ID": "a", "Name": "A", "Balance": 1, "RedemptionCode": "GIFT1"}, headers=admin)
    ).status_code == 201
    for response in (
        await client.post(URL, json={"ID": "b", "Name": "B", "Balance": 1, "RedemptionCode": "GIFT1"}, headers=admin),
        await client.put(f"{URL}/c", json={"Name": "C", "Balance": 1, "RedemptionCode": "GIFT1"}, headers=admin),
    ):
        assert response.status_code == 409, response.text
        assert error(response)["ErrorCode"] == "SpendingAccount.RedemptionCodeInUse"
        assert "GIFT1" not in response.text
    assert (
        await client.post(URL, json={"ID": "b", "Name": "B", "Balance": 1, "RedemptionCode": "gift1"}, headers=admin)
    ).status_code == 201
    taken = await client.patch(f"{URL}/b", json={"RedemptionCode": "GIFT1"}, headers=admin)
    assert taken.status_code == 409
    # Its own code does not conflict with itself (PUT, PATCH, rename); another buyer may use the same code.
    assert (
        await client.put(f"{URL}/a", json={"Name": "A2", "Balance": 2, "RedemptionCode": "GIFT1"}, headers=admin)
    ).status_code == 200
    assert (
        await client.patch(f"{URL}/a", json={"ID": "a2", "RedemptionCode": "GIFT1"}, headers=admin)
    ).status_code == 200
    other = await client.post(
        "/v1/buyers/b2/spendingaccounts", json={"Name": "B2", "Balance": 1, "RedemptionCode": "GIFT1"}, headers=admin
    )
    assert other.status_code == 201
    # Blank codes are no code at all: any number of accounts may have none.
    for account_id in ("d", "e"):
        blank = await client.post(
            URL, json={"ID": account_id, "Name": "D", "Balance": 1, "RedemptionCode": "  "}, headers=admin
        )
        assert blank.status_code == 201
        assert blank.json()["RedemptionCode"] is None
    async with database.transaction() as connection:
        codes = (
            await connection.execute(
                select(spending_accounts.c.id, spending_accounts.c.redemption_code).where(
                    spending_accounts.c.marketplace_id == callers.marketplace_id, spending_accounts.c.buyer_id == "b1"
                )
            )
        ).all()
    assert sorted(codes) == [("a2", "GIFT1"), ("b", "gift1"), ("d", None), ("e", None)]


async def test_assignments(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    await callers.buyer("b1")
    await callers.buyer("b2")
    await callers.user(UserType.BUYER, "b1", user_id="u1")
    await callers.user(UserType.BUYER, "b2", user_id="stranger")
    await group(client, callers, "b1", "g1", "u1")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    for account_id in ("s1", "s2"):
        assert (
            await client.post(URL, json={"ID": account_id, "Name": account_id, "Balance": 10}, headers=admin)
        ).status_code == 201
    for body in (
        {"SpendingAccountID": "s1", "AllowExceed": True},
        {"SpendingAccountID": "s1", "UserGroupID": "g1"},
        {"SpendingAccountID": "s1", "UserID": "u1", "AllowExceed": True},
        {"SpendingAccountID": "s1", "UserID": "u1", "AllowExceed": False},  # saving again updates AllowExceed
        {"SpendingAccountID": "s2", "UserID": "u1", "UserGroupID": None},
    ):
        saved = await client.post(ASSIGN, json=body, headers=admin)
        assert saved.status_code == 204, saved.text
    assert items(await client.get(ASSIGN, headers=admin)) == [
        {"SpendingAccountID": "s1", "UserID": None, "UserGroupID": None, "AllowExceed": True},
        {"SpendingAccountID": "s1", "UserID": "u1", "UserGroupID": None, "AllowExceed": False},
        {"SpendingAccountID": "s1", "UserID": None, "UserGroupID": "g1", "AllowExceed": False},
        {"SpendingAccountID": "s2", "UserID": "u1", "UserGroupID": None, "AllowExceed": False},
    ]
    assert len(items(await client.get(ASSIGN, params={"spendingAccountID": "s2"}, headers=admin))) == 1
    assert len(items(await client.get(ASSIGN, params={"userID": "u1", "level": "User"}, headers=admin))) == 2
    assert len(items(await client.get(ASSIGN, params={"level": "company"}, headers=admin))) == 1
    assert len(items(await client.get(ASSIGN, params={"userGroupID": "g1"}, headers=admin))) == 1

    for body, status, code in (
        (
            {"SpendingAccountID": "s1", "UserID": "u1", "UserGroupID": "g1"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
        ),
        ({"SpendingAccountID": "nope"}, 404, "NotFound"),
        ({"SpendingAccountID": "s1", "UserID": "stranger"}, 404, "NotFound"),
        ({"SpendingAccountID": "s1", "UserGroupID": "ghost"}, 404, "NotFound"),
        ({"SpendingAccountID": "s1", "AllowExceed": "yes"}, 400, "ValidationFailure"),
    ):
        response = await client.post(ASSIGN, json=body, headers=admin)
        assert (response.status_code, error(response)["ErrorCode"]) == (status, code), body
    assert (await client.get(ASSIGN, params={"level": "Everyone"}, headers=admin)).status_code == 400
    assert (await client.get(ASSIGN, params={"search": "s1"}, headers=admin)).status_code == 400

    assert (await client.delete(f"{URL}/s1/assignments", params={"userID": "u1"}, headers=admin)).status_code == 204
    assert (
        await client.delete(f"{URL}/s1/assignments", params={"userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert len(items(await client.get(ASSIGN, headers=admin))) == 2
    # Deleting the account deletes its assignments.
    assert (await client.delete(f"{URL}/s1", headers=admin)).status_code == 204
    assert items(await client.get(ASSIGN, headers=admin)) == [
        {"SpendingAccountID": "s2", "UserID": "u1", "UserGroupID": None, "AllowExceed": False}
    ]
    assert (await client.delete(f"{URL}/s1/assignments", headers=admin)).status_code == 404


async def test_roles_and_buyer_isolation(client: httpx.AsyncClient, callers: Callers) -> None:
    await callers.buyer("b1")
    await callers.buyer("b2")
    admin = await callers.headers(Role.SpendingAccountAdmin)
    assert (await client.post(URL, json={"ID": "s1", "Name": "S", "Balance": 1}, headers=admin)).status_code == 201
    reader = await callers.headers(Role.SpendingAccountReader)
    assert (await client.get(f"{URL}/s1", headers=reader)).status_code == 200
    assert (await client.get(ASSIGN, headers=reader)).status_code == 200
    refused = await client.put(f"{URL}/s1", json={"Name": "S", "Balance": 1e6}, headers=reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    own = await shopper(callers, "b1", "u1", Role.SpendingAccountAdmin)
    assert (await client.patch(f"{URL}/s1", json={"Balance": 2}, headers=own)).status_code == 200
    other = await shopper(callers, "b2", "u2", Role.SpendingAccountAdmin)
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(
            method, f"{URL}/s1", json={"Balance": 9} if method == "PATCH" else None, headers=other
        )
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "Buyer", "ObjectID": "b1"}
    assert (await client.get(f"{URL}/s1", headers=admin)).json()["Balance"] == 2
