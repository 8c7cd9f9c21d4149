from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.errors import ValidationFailure
from mercato.resources.approval_rules.expressions import validate_rule_expression
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group, shopper

URL = "/v1/buyers/b1/approvalrules"
RULE = {
    "ID": "big-orders",
    "Name": "Big orders",
    "Description": "Orders over 1000 need a manager",
    "ApprovingGroupID": "managers",
    "RuleExpression": "order.Total > 1000",
    "xp": {"level": 1},
}


async def setup(client: httpx.AsyncClient, callers: Callers) -> dict[str, str]:
    await callers.buyer("b1")
    await callers.buyer("b2")
    await group(client, callers, "b1", "managers")
    await group(client, callers, "b1", "finance")
    await group(client, callers, "b2", "b2-managers")
    return await callers.headers(Role.ApprovalRuleAdmin)


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    made = await client.post(URL, json=RULE, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/buyers/b1/approvalrules/big-orders"
    assert made.json() == RULE
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json() == RULE

    patched = await client.patch(
        f"{URL}/big-orders", json={"ApprovingGroupID": "finance", "xp": {"x": 2}}, headers=admin
    )
    assert patched.json() == RULE | {"ApprovingGroupID": "finance", "xp": {"level": 1, "x": 2}}
    saved = await client.put(
        f"{URL}/big-orders", json={"ApprovingGroupID": "managers", "RuleExpression": "order.Total > 5"}, headers=admin
    )
    assert saved.json() == {
        "ID": "big-orders",
        "Name": None,
        "Description": None,
        "ApprovingGroupID": "managers",
        "RuleExpression": "order.Total > 5",
        "xp": None,
    }
    created_by_put = await client.put(
        f"{URL}/any-order", json={"Name": "All", "ApprovingGroupID": "finance", "RuleExpression": "true"}, headers=admin
    )
    assert created_by_put.status_code == 200
    generated = await client.post(
        URL,
        json={"Name": "Zebra", "ApprovingGroupID": "finance", "RuleExpression": "order.xp.Rush = true"},
        headers=admin,
    )
    assert len(generated.json()["ID"]) == 22

    assert [r["ID"] for r in items(await client.get(URL, headers=admin))] == [
        "big-orders",
        "any-order",
        generated.json()["ID"],
    ]
    assert [
        r["ID"]
        for r in items(await client.get(URL, params={"ApprovingGroupID": "finance", "sortBy": "ID"}, headers=admin))
    ] == sorted(["any-order", generated.json()["ID"]], key=lambda i: (i.lower(), i))  # IDs sort case-insensitively
    assert [r["Name"] for r in items(await client.get(URL, params={"search": "zeb"}, headers=admin))] == ["Zebra"]
    assert [r["ID"] for r in items(await client.get(URL, params={"RuleExpression": "*Rush*"}, headers=admin))] == [
        generated.json()["ID"]
    ]

    renamed = await client.patch(f"{URL}/any-order", json={"ID": "every-order"}, headers=admin)
    assert renamed.json()["ID"] == "every-order"
    assert (await client.delete(f"{URL}/every-order", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/every-order", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/every-order", headers=admin)).status_code == 404
    taken = await client.post(URL, json=RULE | {"ID": "big-orders"}, headers=admin)
    assert taken.status_code == 409


async def test_the_approving_group_must_be_one_of_this_buyers_groups(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await setup(client, callers)
    for group_id in ("nobody", "b2-managers"):
        for response in (
            await client.post(URL, json=RULE | {"ApprovingGroupID": group_id}, headers=admin),
            await client.put(f"{URL}/r1", json=RULE | {"ApprovingGroupID": group_id}, headers=admin),
        ):
            assert response.status_code == 404, response.text
            assert error(response)["Data"] == {"ObjectType": "UserGroup", "ObjectID": group_id}
    assert items(await client.get(URL, headers=admin)) == []
    assert (await client.post(URL, json=RULE, headers=admin)).status_code == 201
    refused = await client.patch(f"{URL}/big-orders", json={"ApprovingGroupID": "nobody", "Name": "x"}, headers=admin)
    assert refused.status_code == 404
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json() == RULE
    missing = await client.patch(f"{URL}/nope", json={"ApprovingGroupID": "nobody"}, headers=admin)
    assert error(missing)["Data"] == {"ObjectType": "ApprovalRule", "ObjectID": "nope"}


async def test_the_group_follows_renames_and_cannot_be_deleted(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    assert (await client.post(URL, json=RULE, headers=admin)).status_code == 201
    groups = await callers.headers(Role.UserGroupAdmin)
    blocked = await client.delete("/v1/buyers/b1/usergroups/managers", headers=groups)
    assert blocked.status_code == 409
    assert error(blocked)["ErrorCode"] == "UserGroup.CannotDeleteApprovingGroup"
    assert (
        await client.patch("/v1/buyers/b1/usergroups/managers", json={"ID": "bosses"}, headers=groups)
    ).status_code == 200
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json()["ApprovingGroupID"] == "bosses"
    assert (
        await client.patch(f"{URL}/big-orders", json={"ApprovingGroupID": "finance"}, headers=admin)
    ).status_code == 200
    assert (await client.delete("/v1/buyers/b1/usergroups/bosses", headers=groups)).status_code == 204
    assert (await client.delete(f"{URL}/big-orders", headers=admin)).status_code == 204
    assert (await client.delete("/v1/buyers/b1/usergroups/finance", headers=groups)).status_code == 204


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"RuleExpression": ""}, "RuleExpression"),
        ({"RuleExpression": "   "}, "RuleExpression"),
        ({"RuleExpression": "x" * 401}, "RuleExpression"),
        ({"RuleExpression": None}, "RuleExpression"),
        ({"ApprovingGroupID": ""}, "ApprovingGroupID"),
        ({"ApprovingGroupID": None}, "ApprovingGroupID"),
        ({"Name": "n" * 101}, "Name"),
        ({"Description": "d" * 2001}, "Description"),
        ({"ID": "no spaces"}, "ID"),
        ({"xp": []}, "xp"),
    ],
)
async def test_validation(client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], field: str) -> None:
    admin = await setup(client, callers)
    response = await client.post(URL, json=RULE | body, headers=admin)
    assert response.status_code == 400, response.text
    assert error(response)["ErrorCode"] == "ValidationFailure"
    assert error(response)["Data"] == {"Field": field}
    assert (await client.post(URL, json=RULE, headers=admin)).status_code == 201
    patched = await client.patch(f"{URL}/big-orders", json=body, headers=admin)
    assert patched.status_code == 400
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json() == RULE
    longest = "order.Total > 1" + " " * 385  # the limit counts characters; the engine must still accept it
    assert validate_rule_expression(longest) == longest


async def test_required_fields(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    for field in ("ApprovingGroupID", "RuleExpression"):
        body = {key: value for key, value in RULE.items() if key != field}
        response = await client.post(URL, json=body, headers=admin)
        assert response.status_code == 400
        assert error(response)["Data"] == {"Field": field}


def test_the_expression_seam() -> None:
    assert validate_rule_expression("order.Total > 1") == "order.Total > 1"
    for text in ("", " \t", "x" * 401):
        with pytest.raises(ValidationFailure):
            validate_rule_expression(text)


async def test_roles_and_buyer_isolation(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await setup(client, callers)
    assert (await client.post(URL, json=RULE, headers=admin)).status_code == 201
    reader = await callers.headers(Role.ApprovalRuleReader)
    assert (await client.get(f"{URL}/big-orders", headers=reader)).status_code == 200
    refused = await client.delete(f"{URL}/big-orders", headers=reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    own = await shopper(callers, "b1", "u1", Role.ApprovalRuleAdmin)
    assert (await client.patch(f"{URL}/big-orders", json={"Name": "Mine"}, headers=own)).status_code == 200
    other = await shopper(callers, "b2", "u2", Role.ApprovalRuleAdmin)
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        body = RULE | {"ApprovingGroupID": "b2-managers"} if method in ("PUT", "PATCH") else None
        response = await client.request(method, f"{URL}/big-orders", json=body, headers=other)
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "Buyer", "ObjectID": "b1"}
    assert (await client.get("/v1/buyers/b2/approvalrules", headers=other)).json()["Items"] == []
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json()["Name"] == "Mine"
