from __future__ import annotations

from typing import Any

import httpx
import jwt

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers
from tests.fixtures.world import PASSWORD, World


def roles_of(token: str) -> list[str]:
    role: Any = jwt.decode(token, options={"verify_signature": False})["role"]
    return [role] if isinstance(role, str) else list(role)


async def login(client: httpx.AsyncClient, client_id: str, username: str) -> str:
    response = await client.post(
        "/oauth/token",
        data={"grant_type": "password", "client_id": client_id, "username": username, "password": PASSWORD},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


async def test_profiles_at_buyer_group_and_user_level_all_count(
    client: httpx.AsyncClient, callers: Callers, world: World
) -> None:
    admin = await callers.headers(Role.FullAccess)
    client_id = await world.client()
    await world.user("buyer-user", user_type="buyer", company_id="acme")
    await client.post("/v1/buyers/acme/usergroups", json={"ID": "team", "Name": "Team"}, headers=admin)
    await client.post(
        "/v1/buyers/acme/usergroups/assignments", json={"UserGroupID": "team", "UserID": "buyer-user"}, headers=admin
    )
    for profile, roles in (("p-buyer", ["Shopper"]), ("p-group", ["MeAdmin"]), ("p-user", ["MeXpAdmin"])):
        await client.post("/v1/securityprofiles", json={"ID": profile, "Name": profile, "Roles": roles}, headers=admin)
    for body in (
        {"SecurityProfileID": "p-buyer", "BuyerID": "acme"},
        {"SecurityProfileID": "p-group", "BuyerID": "acme", "UserGroupID": "team"},
        {"SecurityProfileID": "p-user", "BuyerID": "acme", "UserID": "buyer-user"},
    ):
        assert (await client.post("/v1/securityprofiles/assignments", json=body, headers=admin)).status_code == 204
    user = (await client.get("/v1/buyers/acme/users/buyer-user", headers=admin)).json()
    assert user["AvailableRoles"] == ["MeAdmin", "MeXpAdmin", "Shopper"]
    assert roles_of(await login(client, client_id, "buyer-user")) == ["MeAdmin", "MeXpAdmin", "Shopper"]
    await client.delete("/v1/buyers/acme/usergroups/team/assignments/buyer-user", headers=admin)
    assert roles_of(await login(client, client_id, "buyer-user")) == ["MeXpAdmin", "Shopper"]
    groups = await client.get(
        "/v1/me/usergroups", headers={"Authorization": f"Bearer {await login(client, client_id, 'buyer-user')}"}
    )
    assert groups.json()["Items"] == []


async def test_me_usergroups_lists_my_groups(client: httpx.AsyncClient, callers: Callers, world: World) -> None:
    admin = await callers.headers(Role.FullAccess)
    client_id = await world.client()
    await world.user("member", user_type="buyer", company_id="acme")
    for group in ("a", "b", "c"):
        await client.post("/v1/buyers/acme/usergroups", json={"ID": group, "Name": group.upper()}, headers=admin)
    for group in ("a", "c"):
        await client.post(
            "/v1/buyers/acme/usergroups/assignments", json={"UserGroupID": group, "UserID": "member"}, headers=admin
        )
    token = await login(client, client_id, "member")
    mine = await client.get("/v1/me/usergroups", headers={"Authorization": f"Bearer {token}"})
    assert [g["ID"] for g in mine.json()["Items"]] == ["a", "c"]


async def test_anonymous_shopper_registers(client: httpx.AsyncClient, world: World) -> None:
    anon_client = await world.client(is_anon_buyer=True, default_context_user_name="template")
    await world.user("template", user_type="buyer", company_id="shop", password=None)
    await world.profile(["Shopper", "MeAdmin"], buyer_id="shop")
    anon = await client.post("/oauth/token", data={"grant_type": "client_credentials", "client_id": anon_client})
    anon_token = anon.json()["access_token"]
    headers = {"Authorization": f"Bearer {anon_token}"}
    assert (await client.get("/v1/me", headers=headers)).json()["Buyer"]["ID"] == "shop"
    body = {
        "ID": "newbie",
        "Username": "newbie",
        "Password": "Fresh-Start-2026",
        "FirstName": "New",
        "LastName": "Bie",
        "Email": "new@example.com",
        "Active": True,
    }
    wrong = await client.put("/v1/me/register", params={"anonUserToken": "nonsense"}, json=body, headers=headers)
    assert wrong.status_code == 400
    assert wrong.json()["Errors"][0]["ErrorCode"] == "Auth.MustPassAnonUserToken"
    registered = await client.put("/v1/me/register", params={"anonUserToken": anon_token}, json=body, headers=headers)
    assert registered.status_code == 200, registered.text
    token = registered.json()["access_token"]
    me = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["Username"] == "newbie"
    assert me.json()["Buyer"]["ID"] == "shop"
    assert (await client.get("/v1/me", headers=headers)).status_code == 401
    again = await client.put(
        "/v1/me/register", params={"anonUserToken": token}, json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert again.json()["Errors"][0]["ErrorCode"] == "User.IsNotTemp"
    relogin = await client.post(
        "/oauth/token",
        data={"grant_type": "password", "client_id": anon_client, "username": "newbie", "password": "Fresh-Start-2026"},
    )
    assert relogin.status_code == 200
