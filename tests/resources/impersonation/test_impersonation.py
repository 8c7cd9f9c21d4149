"""Assisted ordering: a customer-service user acts as a buyer user, only as far as a config allows."""

from __future__ import annotations

from typing import Any

import httpx
import jwt

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers
from tests.fixtures.world import World


async def setup(client: httpx.AsyncClient, callers: Callers, world: World) -> tuple[dict[str, str], str]:
    admin = await callers.headers(Role.FullAccess)
    app_client = await world.client(allow_any_buyer=False)
    await world.user("shopper", user_type="buyer", company_id="acme")
    await client.post("/v1/apiclients/assignments", json={"ApiClientID": app_client, "BuyerID": "acme"}, headers=admin)
    await client.post(
        "/v1/securityprofiles", json={"ID": "csr", "Name": "CSR", "Roles": ["Shopper", "MeAdmin"]}, headers=admin
    )
    return admin, app_client


def claims(token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return decoded


async def test_admin_impersonates_a_buyer_user_through_a_config(
    client: httpx.AsyncClient, callers: Callers, world: World
) -> None:
    admin, app_client = await setup(client, callers, world)
    csr = await callers.headers(Role.BuyerImpersonation)
    ask = {"ClientID": app_client, "Roles": ["Shopper", "OrderAdmin"]}
    refused = await client.post("/v1/buyers/acme/users/shopper/accesstoken", json=ask, headers=csr)
    assert refused.status_code == 403
    assert refused.json()["Errors"][0]["ErrorCode"] == "Impersonation.ConfigError"
    config = {"ID": "c1", "BuyerID": "acme", "SecurityProfileID": "csr", "ClientID": app_client}
    assert (await client.post("/v1/impersonationconfig", json=config, headers=admin)).status_code == 201
    granted = await client.post("/v1/buyers/acme/users/shopper/accesstoken", json=ask, headers=csr)
    assert granted.status_code == 200, granted.text
    token = granted.json()["access_token"]
    decoded = claims(token)
    assert decoded["usr"] == "shopper"
    assert decoded["usrtype"] == "buyer"
    assert decoded["role"] == "Shopper"  # OrderAdmin is not in the config's profile
    assert decoded["imp"]
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["ID"] == "shopper"


async def test_impersonation_needs_the_role_and_a_client_assigned_to_the_buyer(
    client: httpx.AsyncClient, callers: Callers, world: World
) -> None:
    admin, app_client = await setup(client, callers, world)
    other_client = await world.client(allow_any_buyer=False)
    for config in (
        {"ID": "c1", "BuyerID": "acme", "SecurityProfileID": "csr", "ClientID": app_client},
        {"ID": "c2", "BuyerID": "acme", "SecurityProfileID": "csr", "ClientID": other_client},
    ):
        await client.post("/v1/impersonationconfig", json=config, headers=admin)
    no_role = await client.post(
        "/v1/buyers/acme/users/shopper/accesstoken",
        json={"ClientID": app_client, "Roles": ["Shopper"]},
        headers=await callers.headers(Role.BuyerUserAdmin),
    )
    assert no_role.status_code == 403
    assert no_role.json()["Errors"][0]["ErrorCode"] == "Auth.InsufficientRoles"
    unassigned = await client.post(
        "/v1/buyers/acme/users/shopper/accesstoken",
        json={"ClientID": other_client, "Roles": ["Shopper"]},
        headers=await callers.headers(Role.BuyerImpersonation),
    )
    assert unassigned.status_code == 400
    assert unassigned.json()["Errors"][0]["ErrorCode"] == "Impersonation.BuyerNotAssigned"


async def test_the_token_dies_with_the_impersonator(client: httpx.AsyncClient, callers: Callers, world: World) -> None:
    admin, app_client = await setup(client, callers, world)
    await client.post(
        "/v1/impersonationconfig",
        json={"ID": "c1", "BuyerID": "acme", "SecurityProfileID": "csr", "ClientID": app_client},
        headers=admin,
    )
    uid = await callers.user(user_id="agent")
    agent = {"Authorization": f"Bearer {await callers.token(Role.BuyerImpersonation, uid=uid)}"}
    granted = await client.post(
        "/v1/buyers/acme/users/shopper/accesstoken", json={"ClientID": app_client, "Roles": ["Shopper"]}, headers=agent
    )
    acting = {"Authorization": f"Bearer {granted.json()['access_token']}"}
    assert (await client.get("/v1/me", headers=acting)).status_code == 200
    await client.patch("/v1/adminusers/agent", json={"Active": False}, headers=admin)
    assert (await client.get("/v1/me", headers=acting)).status_code == 401


async def test_buyer_users_cannot_reach_other_buyers_without_a_config(
    client: httpx.AsyncClient, callers: Callers, world: World
) -> None:
    _, app_client = await setup(client, callers, world)
    uid = await callers.user(UserType.BUYER, "other", user_id="outsider")
    token = await callers.token(Role.BuyerImpersonation, uid=uid, user_type=UserType.BUYER, company_id="other")
    response = await client.post(
        "/v1/buyers/acme/users/shopper/accesstoken",
        json={"ClientID": app_client, "Roles": ["Shopper"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 404


async def test_configs_validate_and_protect_what_they_use(
    client: httpx.AsyncClient, callers: Callers, world: World
) -> None:
    admin, app_client = await setup(client, callers, world)
    base = {"SecurityProfileID": "csr", "ClientID": app_client}
    assert (await client.post("/v1/impersonationconfig", json=base | {"ID": "a"}, headers=admin)).status_code == 201
    duplicate = await client.post("/v1/impersonationconfig", json=base | {"ID": "b"}, headers=admin)
    assert duplicate.status_code == 409
    assert duplicate.json()["Errors"][0]["ErrorCode"] == "ImpersonationConfig.ConflictingImpersonationConfigExists"
    group_without_buyer = await client.post("/v1/impersonationconfig", json=base | {"GroupID": "g"}, headers=admin)
    assert group_without_buyer.status_code == 400
    missing = await client.post(
        "/v1/impersonationconfig", json={"SecurityProfileID": "nope", "ClientID": app_client}, headers=admin
    )
    assert missing.status_code == 404
    in_use = await client.delete("/v1/securityprofiles/csr", headers=admin)
    assert in_use.json()["Errors"][0]["ErrorCode"] == "Impersonation.CannotDeleteSecurityProfile"
    client_in_use = await client.delete(f"/v1/apiclients/{app_client}", headers=admin)
    assert client_in_use.json()["Errors"][0]["ErrorCode"] == "ApiClient.UsedByImpersonationConfig"
    assert (await client.delete("/v1/impersonationconfig/a", headers=admin)).status_code == 204
    assert (await client.delete("/v1/securityprofiles/csr", headers=admin)).status_code == 204
