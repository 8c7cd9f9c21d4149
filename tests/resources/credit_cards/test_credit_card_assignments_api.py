from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import credit_card_assignments
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group

URL = "/v1/buyers/b1/creditcards"
ASSIGN = f"{URL}/assignments"


async def setup(client: httpx.AsyncClient, callers: Callers) -> dict[str, str]:
    await callers.buyer("b1")
    await callers.buyer("b2")
    await callers.user(UserType.BUYER, "b1", user_id="u1")
    await callers.user(UserType.BUYER, "b2", user_id="stranger")
    await group(client, callers, "b1", "g1", "u1")
    await group(client, callers, "b2", "g-other")
    admin = await callers.headers(Role.CreditCardAdmin)
    for card_id in ("c1", "c2"):
        assert (await client.post(URL, json={"ID": card_id}, headers=admin)).status_code == 201
    return admin


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_assignments_at_each_level(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    for body in (
        {"CreditCardID": "c1"},
        {"CreditCardID": "c1", "UserGroupID": "g1"},
        {"CreditCardID": "c1", "UserID": "u1", "UserGroupID": ""},
        {"CreditCardID": "c2", "UserID": "u1"},
        {"CreditCardID": "c2", "UserID": "u1"},  # again: idempotent
    ):
        saved = await client.post(ASSIGN, json=body, headers=admin)
        assert saved.status_code == 204, saved.text
        assert saved.content == b""
    listed = items(await client.get(ASSIGN, headers=admin))
    assert listed == [
        {"CreditCardID": "c1", "UserID": None, "UserGroupID": None},
        {"CreditCardID": "c1", "UserID": "u1", "UserGroupID": None},
        {"CreditCardID": "c1", "UserID": None, "UserGroupID": "g1"},
        {"CreditCardID": "c2", "UserID": "u1", "UserGroupID": None},
    ]
    assert len(items(await client.get(ASSIGN, params={"creditCardID": "c1"}, headers=admin))) == 3
    assert len(items(await client.get(ASSIGN, params={"userID": "u1"}, headers=admin))) == 2
    assert items(await client.get(ASSIGN, params={"userGroupID": "g1"}, headers=admin)) == [
        {"CreditCardID": "c1", "UserID": None, "UserGroupID": "g1"}
    ]
    assert len(items(await client.get(ASSIGN, params={"level": "user"}, headers=admin))) == 2
    assert len(items(await client.get(ASSIGN, params={"level": "Group"}, headers=admin))) == 1
    company = items(await client.get(ASSIGN, params={"level": "Company", "creditCardID": "c1"}, headers=admin))
    assert company == [{"CreditCardID": "c1", "UserID": None, "UserGroupID": None}]
    paged = await client.get(ASSIGN, params={"pageSize": 3, "page": 2}, headers=admin)
    assert paged.json()["Meta"]["TotalCount"] == 4
    assert len(paged.json()["Items"]) == 1

    # Deleting names the party by query parameters; nothing named is the buyer-level assignment.
    assert (await client.delete(f"{URL}/c1/assignments", headers=admin)).status_code == 204
    assert (
        await client.delete(f"{URL}/c1/assignments", params={"userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert (await client.delete(f"{URL}/c1/assignments", params={"userID": "u1"}, headers=admin)).status_code == 204
    assert (await client.delete(f"{URL}/c1/assignments", params={"userID": "u1"}, headers=admin)).status_code == 204
    assert items(await client.get(ASSIGN, headers=admin)) == [
        {"CreditCardID": "c2", "UserID": "u1", "UserGroupID": None}
    ]
    gone = await client.delete(f"{URL}/nope/assignments", headers=admin)
    assert gone.status_code == 404
    assert error(gone)["Data"] == {"ObjectType": "CreditCard", "ObjectID": "nope"}


async def test_assignment_errors(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    cases: list[tuple[dict[str, Any], int, str, Any]] = [
        (
            {"CreditCardID": "c1", "UserID": "u1", "UserGroupID": "g1"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({"CreditCardID": "nope"}, 404, "NotFound", {"ObjectType": "CreditCard", "ObjectID": "nope"}),
        ({"CreditCardID": "c1", "UserID": "ghost"}, 404, "NotFound", {"ObjectType": "User", "ObjectID": "ghost"}),
        ({"CreditCardID": "c1", "UserID": "stranger"}, 404, "NotFound", {"ObjectType": "User", "ObjectID": "stranger"}),
        (
            {"CreditCardID": "c1", "UserGroupID": "g-other"},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "g-other"},
        ),
        ({}, 400, "ValidationFailure", {"Field": "CreditCardID"}),
        ({"CreditCardID": ""}, 400, "ValidationFailure", {"Field": "CreditCardID"}),
        ({"CreditCardID": "c1", "UserID": 7}, 400, "ValidationFailure", {"Field": "UserID"}),
    ]
    for body, status, code, data in cases:
        response = await client.post(ASSIGN, json=body, headers=admin)
        assert response.status_code == status, (body, response.text)
        assert error(response)["ErrorCode"] == code
        if data is not None:
            assert error(response)["Data"] == data
    both = await client.delete(f"{URL}/c1/assignments", params={"userID": "u1", "userGroupID": "g1"}, headers=admin)
    assert both.status_code == 400
    assert error(both)["ErrorCode"] == "PartyAssignment.CannotSpecifyGroupAndUser"
    for name in ("userID", "userGroupID"):
        nul = await client.delete(f"{URL}/c1/assignments", params={name: "u\x001"}, headers=admin)
        assert nul.status_code == 400
        assert error(nul)["Data"] == {"Field": name}
    nul_list = await client.get(ASSIGN, params={"userID": "u\x001"}, headers=admin)
    assert nul_list.status_code == 400
    for params, code in (
        ({"level": "Buyer"}, "ValidationFailure"),
        ({"search": "x"}, "List.InvalidSearchProperty"),
        ({"CreditCardID": "c1"}, "List.InvalidProperty"),
        ({"sortBy": "UserID"}, "List.InvalidSortProperty"),
    ):
        response = await client.get(ASSIGN, params=params, headers=admin)
        assert response.status_code == 400, params
        assert error(response)["ErrorCode"] == code
    assert items(await client.get(ASSIGN, headers=admin)) == []


async def test_assignments_follow_the_card_and_go_with_it(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await setup(client, callers)
    for body in ({"CreditCardID": "c1"}, {"CreditCardID": "c1", "UserGroupID": "g1"}, {"CreditCardID": "c2"}):
        assert (await client.post(ASSIGN, json=body, headers=admin)).status_code == 204
    assert (await client.patch(f"{URL}/c1", json={"ID": "c1-new"}, headers=admin)).status_code == 200
    assert {a["CreditCardID"] for a in items(await client.get(ASSIGN, headers=admin))} == {"c1-new", "c2"}

    # A group rename carries its assignments along; a user's deletion removes its assignments.
    groups = await callers.headers(Role.UserGroupAdmin)
    assert (await client.patch("/v1/buyers/b1/usergroups/g1", json={"ID": "g9"}, headers=groups)).status_code == 200
    assert items(await client.get(ASSIGN, params={"level": "Group"}, headers=admin))[0]["UserGroupID"] == "g9"

    assert (await client.delete(f"{URL}/c1-new", headers=admin)).status_code == 204
    assert items(await client.get(ASSIGN, headers=admin)) == [
        {"CreditCardID": "c2", "UserID": None, "UserGroupID": None}
    ]
    # A new card under the old ID starts without assignments.
    assert (await client.post(URL, json={"ID": "c1-new"}, headers=admin)).status_code == 201
    assert items(await client.get(ASSIGN, params={"creditCardID": "c1-new"}, headers=admin)) == []
    async with database.transaction() as connection:
        count = await connection.scalar(
            select(func.count())
            .select_from(credit_card_assignments)
            .where(credit_card_assignments.c.marketplace_id == callers.marketplace_id)
        )
    assert count == 1


async def test_assignment_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    await setup(client, callers)
    reader = await callers.headers(Role.CreditCardReader)
    assert (await client.get(ASSIGN, headers=reader)).status_code == 200
    for response in (
        await client.post(ASSIGN, json={"CreditCardID": "c1"}, headers=reader),
        await client.delete(f"{URL}/c1/assignments", headers=reader),
    ):
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"
