"""Two buyers: a user of buyer A, holding every role there is, never sees or changes anything of buyer B.

Buyer B is seeded with one of everything (IDs containing ``secretb``) through the API; then every implemented
GET route is called as A's all-powerful user, with B's IDs in every path parameter, and every write route aimed
at B. Nothing may come back but 403/404, and no response body may mention ``secretb``."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from mercato.api import RouteOperation, route_operations
from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers

MARK = "secretb"
ALL_ROLES = [role.value for role in Role]
ROUTES = [r for r in route_operations() if r.path.startswith("/v1")]
B_IDS = {
    "buyerID": "secretb-buyer",
    "userID": "secretb-user",
    "userGroupID": "secretb-group",
    "addressID": "secretb-address",
    "costCenterID": "secretb-costcenter",
    "creditCardID": "secretb-card",
    "creditcardID": "secretb-card",
    "spendingAccountID": "secretb-account",
    "approvalRuleID": "secretb-rule",
    "newBuyerID": "secretb-buyer",
}

SEED: list[tuple[str, dict[str, Any]]] = [
    ("/v1/buyers", {"ID": "secretb-buyer", "Name": "secretb", "Active": True}),
    (
        "/v1/buyers/buyer-a/users",
        {"ID": "a-user2", "Username": "a-user2", "FirstName": "A", "LastName": "A", "Email": "a@a.a", "Active": True},
    ),
    (
        "/v1/buyers/secretb-buyer/users",
        {
            "ID": "secretb-user",
            "Username": "secretb-user",
            "FirstName": "secretb",
            "LastName": "secretb",
            "Email": "secretb@b.b",
            "Active": True,
        },
    ),
    ("/v1/buyers/secretb-buyer/usergroups", {"ID": "secretb-group", "Name": "secretb"}),
    ("/v1/buyers/secretb-buyer/usergroups/assignments", {"UserGroupID": "secretb-group", "UserID": "secretb-user"}),
    (
        "/v1/buyers/secretb-buyer/addresses",
        {"ID": "secretb-address", "Street1": "secretb", "City": "secretb", "Country": "NL", "AddressName": "secretb"},
    ),
    (
        "/v1/buyers/secretb-buyer/addresses/assignments",
        {"AddressID": "secretb-address", "IsShipping": True, "IsBilling": True},
    ),
    ("/v1/buyers/secretb-buyer/costcenters", {"ID": "secretb-costcenter", "Name": "secretb"}),
    ("/v1/buyers/secretb-buyer/costcenters/assignments", {"CostCenterID": "secretb-costcenter"}),
    ("/v1/buyers/secretb-buyer/creditcards", {"ID": "secretb-card", "CardholderName": "secretb", "Token": "secretb"}),
    ("/v1/buyers/secretb-buyer/creditcards/assignments", {"CreditCardID": "secretb-card"}),
    ("/v1/buyers/secretb-buyer/spendingaccounts", {"ID": "secretb-account", "Name": "secretb", "Balance": 100}),
    ("/v1/buyers/secretb-buyer/spendingaccounts/assignments", {"SpendingAccountID": "secretb-account"}),
    (
        "/v1/buyers/secretb-buyer/approvalrules",
        {
            "ID": "secretb-rule",
            "Name": "secretb",
            "ApprovingGroupID": "secretb-group",
            "RuleExpression": "order.Total > 1",
        },
    ),
]


def fill(path: str) -> str:
    return re.sub(r"\{([^}:]+)(?::[a-z]+)?\}", lambda m: B_IDS.get(m.group(1), f"{MARK}-other"), path)


@pytest.fixture
async def a_user(client: httpx.AsyncClient, callers: Callers) -> dict[str, str]:
    admin = await callers.headers(Role.FullAccess)
    assert (
        await client.post("/v1/buyers", json={"ID": "buyer-a", "Name": "A", "Active": True}, headers=admin)
    ).status_code == 201
    for path, body in SEED:
        if not any(r.method == "POST" and _same(r.path, path) for r in ROUTES):
            continue  # a resource not built yet
        response = await client.post(path, json=body, headers=admin)
        assert response.status_code in (201, 204), f"seeding {path}: {response.text}"
    uid = await callers.user(UserType.BUYER, "buyer-a", user_id="a-user")
    token = await callers.token(*ALL_ROLES, uid=uid, user_type=UserType.BUYER, company_id="buyer-a")
    return {"Authorization": f"Bearer {token}"}


def _same(template: str, path: str) -> bool:
    pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
    return re.match(pattern, path, re.IGNORECASE) is not None


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.operation.id)
async def test_nothing_of_buyer_b_is_reachable(
    client: httpx.AsyncClient, a_user: dict[str, str], route: RouteOperation
) -> None:
    if route.operation.id in ("Me.Register", "Me.RevokeTokens", "Me.ResetPasswordByToken"):
        pytest.skip("acts on the caller only")
    path = fill(route.path)
    body: dict[str, Any] | None = {} if route.method in ("POST", "PUT", "PATCH") else None
    response = await client.request(route.method, path, json=body, headers=a_user)
    touches_b = any(value in path for value in B_IDS.values())
    if touches_b:
        assert response.status_code in (400, 403, 404), f"{route.method} {path}: {response.status_code} {response.text}"
    else:
        assert response.status_code < 500
    echoed = response.text
    for value in sorted({*B_IDS.values(), f"{MARK}-other"}, key=len, reverse=True):
        if value in path:
            echoed = echoed.replace(value, "")  # a 404 may name the ID the caller sent; that tells nothing
    assert MARK not in echoed, f"{route.method} {path} leaked: {response.text}"


B_BODY = {
    "UserID": "secretb-user",
    "UserGroupID": "secretb-group",
    "AddressID": "secretb-address",
    "CostCenterID": "secretb-costcenter",
    "CreditCardID": "secretb-card",
    "SpendingAccountID": "secretb-account",
    "ApprovingGroupID": "secretb-group",
}
OWN_BUYER_WRITES = [
    r
    for r in ROUTES
    if r.method in ("POST", "PUT") and r.path.startswith("/v1/buyers/{buyerID") and "assignments" in r.path
]


@pytest.mark.parametrize("route", OWN_BUYER_WRITES, ids=lambda r: r.operation.id)
async def test_b_objects_cannot_be_assigned_within_a(
    client: httpx.AsyncClient, a_user: dict[str, str], route: RouteOperation
) -> None:
    path = re.sub(r"\{buyerID(?::[a-z]+)?\}", "buyer-a", route.path)
    path = fill(path)
    response = await client.request(route.method, path, json=B_BODY, headers=a_user)
    assert response.status_code in (400, 403, 404), f"{route.method} {path}: {response.status_code} {response.text}"


async def test_a_sees_its_own_buyer_and_not_b(client: httpx.AsyncClient, a_user: dict[str, str]) -> None:
    listed = await client.get("/v1/buyers", headers=a_user)
    assert [b["ID"] for b in listed.json()["Items"]] == ["buyer-a"]
    assert (await client.get("/v1/buyers/secretb-buyer", headers=a_user)).status_code == 404
