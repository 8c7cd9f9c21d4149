from __future__ import annotations

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers


async def me_headers(callers: Callers, *roles: str, user_id: str | None = None) -> dict[str, str]:
    uid = await callers.user(UserType.ADMIN, "", user_id=user_id)
    return {"Authorization": f"Bearer {await callers.token(*roles, uid=uid)}"}


async def test_get_me_as_admin_and_as_buyer(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await me_headers(callers, user_id="me-user")
    me = (await client.get("/v1/me", headers=admin)).json()
    assert me["ID"] == "me-user"
    assert me["Seller"] == {"ID": callers.marketplace_id}
    assert me["Buyer"] is None
    assert me["Password"] is None
    buyer_uid = await callers.user(UserType.BUYER, "acme", user_id="bob")
    buyer = {
        "Authorization": f"Bearer {await callers.token(uid=buyer_uid, user_type=UserType.BUYER, company_id='acme')}"
    }
    me = (await client.get("/v1/me", headers=buyer)).json()
    assert me["Buyer"] == {"ID": "acme", "DefaultCatalogID": None}
    assert me["CompanyID"] == "acme"


async def test_patch_me_needs_me_admin_and_xp_needs_me_xp_admin(client: httpx.AsyncClient, callers: Callers) -> None:
    plain = await me_headers(callers)
    assert (await client.patch("/v1/me", json={"FirstName": "X"}, headers=plain)).status_code == 403
    me_admin = await me_headers(callers, Role.MeAdmin)
    patched = await client.patch("/v1/me", json={"FirstName": "Grace"}, headers=me_admin)
    assert patched.status_code == 200
    assert patched.json()["FirstName"] == "Grace"
    xp = await client.patch("/v1/me", json={"xp": {"a": 1}}, headers=me_admin)
    assert xp.status_code == 403
    assert xp.json()["Errors"][0]["ErrorCode"] == "User.XPNotAllowed"
    xp_admin = await me_headers(callers, Role.MeAdmin, Role.MeXpAdmin)
    assert (await client.patch("/v1/me", json={"xp": {"a": 1}}, headers=xp_admin)).json()["xp"] == {"a": 1}


async def test_put_me_keeps_read_only_parts(client: httpx.AsyncClient, callers: Callers) -> None:
    headers = await me_headers(callers, Role.MeAdmin, user_id="me-user")
    body = {
        "Username": "me-user",
        "FirstName": "A",
        "LastName": "B",
        "Email": "a@b.c",
        "Active": True,
        "Seller": {"ID": "hack"},
    }
    saved = await client.put("/v1/me", json=body, headers=headers)
    assert saved.status_code == 200
    assert saved.json()["Seller"] == {"ID": callers.marketplace_id}
    assert saved.json()["LastName"] == "B"


async def test_password_change_needs_password_reset_role(client: httpx.AsyncClient, callers: Callers) -> None:
    without = await me_headers(callers, Role.MeAdmin)
    assert (
        await client.post("/v1/me/password", json={"NewPassword": "Brand-New-Pass1"}, headers=without)
    ).status_code == 403
    with_role = await me_headers(callers, Role.PasswordReset)
    weak = await client.post("/v1/me/password", json={"NewPassword": "weak"}, headers=with_role)
    assert weak.json()["Errors"][0]["ErrorCode"] == "PasswordReset.InsecurePassword"
    assert (
        await client.post("/v1/me/password", json={"NewPassword": "Brand-New-Pass1"}, headers=with_role)
    ).status_code == 204


async def test_revoking_my_tokens(client: httpx.AsyncClient, callers: Callers) -> None:
    headers = await me_headers(callers)
    assert (await client.delete("/v1/me/tokens", headers=headers)).status_code == 204
    after = await client.get("/v1/me", headers=headers)
    assert after.status_code == 401
    assert after.json()["Errors"][0]["ErrorCode"] == "Auth.TokenRevoked"
