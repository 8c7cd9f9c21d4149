from __future__ import annotations

from typing import Any

import httpx

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers

GOOD_PASSWORD = "Sup3rSecretPass"


def user_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ID": "ada",
        "Username": "ada",
        "Password": GOOD_PASSWORD,
        "FirstName": "Ada",
        "LastName": "Lovelace",
        "Email": "ada@example.com",
        "Active": True,
    }
    return body | overrides


async def test_create_get_list_and_no_password_anywhere(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminUserAdmin)
    made = await client.post("/v1/adminusers", json=user_body(xp={"team": "core"}), headers=admin)
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["ID"] == "ada"
    assert body["Password"] is None
    assert body["CompanyID"] == callers.marketplace_id
    assert body["AvailableRoles"] == []
    assert body["PasswordLastSetDate"] is not None
    assert body["FailedLoginAttempts"] == 0
    for response in (
        made,
        await client.get("/v1/adminusers/ada", headers=admin),
        await client.get("/v1/adminusers", headers=admin),
    ):
        assert GOOD_PASSWORD not in response.text
        assert "argon2" not in response.text
    listed = await client.get("/v1/adminusers", params={"search": "lovelace"}, headers=admin)
    assert [u["ID"] for u in listed.json()["Items"]] == ["ada"]


async def test_username_is_unique_across_the_marketplace_case_insensitively(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.AdminUserAdmin)
    await client.post("/v1/adminusers", json=user_body(), headers=admin)
    clash = await client.post("/v1/adminusers", json=user_body(ID="ada2", Username="ADA"), headers=admin)
    assert clash.status_code == 409
    assert clash.json()["Errors"][0]["ErrorCode"] == "User.UsernameMustBeUnique"
    same_id = await client.post("/v1/adminusers", json=user_body(Username="other"), headers=admin)
    assert same_id.status_code == 409
    assert same_id.json()["Errors"][0]["ErrorCode"] == "IdExists"


async def test_insecure_password_is_refused_and_nothing_is_created(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminUserAdmin)
    for weak in ("short1A", "alllowercase123", "ALLUPPERCASE123", "NoDigitsHereAtAll"):
        response = await client.post("/v1/adminusers", json=user_body(Password=weak), headers=admin)
        assert response.status_code == 400
        assert response.json()["Errors"][0]["ErrorCode"] == "PasswordReset.InsecurePassword"
    assert (await client.get("/v1/adminusers/ada", headers=admin)).status_code == 404


async def test_put_keeps_the_password_and_patch_changes_only_sent_fields(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.AdminUserAdmin)
    await client.post("/v1/adminusers", json=user_body(Phone="123"), headers=admin)
    put = await client.put("/v1/adminusers/ada", json=user_body(Password=None, FirstName="Augusta"), headers=admin)
    assert put.status_code == 200
    assert put.json()["FirstName"] == "Augusta"
    assert put.json()["Phone"] is None
    patched = await client.patch("/v1/adminusers/ada", json={"LastName": "King", "xp": {"a": 1}}, headers=admin)
    assert patched.json()["FirstName"] == "Augusta"
    assert patched.json()["LastName"] == "King"
    assert patched.json()["xp"] == {"a": 1}
    renamed = await client.patch("/v1/adminusers/ada", json={"ID": "augusta"}, headers=admin)
    assert renamed.json()["ID"] == "augusta"
    assert (await client.get("/v1/adminusers/augusta", headers=admin)).status_code == 200


async def test_validation_and_missing(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminUserAdmin)
    missing_field = await client.post("/v1/adminusers", json={"ID": "x", "Username": "x"}, headers=admin)
    assert missing_field.status_code == 400
    assert missing_field.json()["Errors"][0]["ErrorCode"] == "ValidationFailure"
    assert (await client.get("/v1/adminusers/nobody", headers=admin)).status_code == 404
    assert (await client.delete("/v1/adminusers/nobody", headers=admin)).status_code == 404
    assert (await client.post("/v1/adminusers/nobody/unlock", headers=admin)).status_code == 404


async def test_reader_cannot_write(client: httpx.AsyncClient, callers: Callers) -> None:
    reader = await callers.headers(Role.AdminUserReader)
    assert (await client.get("/v1/adminusers", headers=reader)).status_code == 200
    assert (await client.post("/v1/adminusers", json=user_body(), headers=reader)).status_code == 403


async def test_groups_and_memberships(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminUserAdmin, Role.AdminUserGroupAdmin)
    await client.post("/v1/adminusers", json=user_body(), headers=admin)
    group = await client.post("/v1/usergroups", json={"ID": "ops", "Name": "Operations"}, headers=admin)
    assert group.status_code == 201
    assigned = await client.post(
        "/v1/usergroups/assignments", json={"UserGroupID": "ops", "UserID": "ada"}, headers=admin
    )
    assert assigned.status_code == 204
    again = await client.post("/v1/usergroups/assignments", json={"UserGroupID": "ops", "UserID": "ada"}, headers=admin)
    assert again.status_code == 204
    listed = await client.get("/v1/usergroups/assignments", params={"userGroupID": "ops"}, headers=admin)
    assert listed.json()["Items"] == [{"UserGroupID": "ops", "UserID": "ada"}]
    # the membership follows the user's new ID
    await client.patch("/v1/adminusers/ada", json={"ID": "ada-l"}, headers=admin)
    listed = await client.get("/v1/usergroups/assignments", params={"userID": "ada-l"}, headers=admin)
    assert listed.json()["Items"] == [{"UserGroupID": "ops", "UserID": "ada-l"}]
    ghost = await client.post(
        "/v1/usergroups/assignments", json={"UserGroupID": "ops", "UserID": "ghost"}, headers=admin
    )
    assert ghost.status_code == 404
    removed = await client.delete("/v1/usergroups/ops/assignments/ada-l", headers=admin)
    assert removed.status_code == 204
    assert (await client.get("/v1/usergroups/assignments", headers=admin)).json()["Items"] == []
    assert (await client.delete("/v1/usergroups/ops", headers=admin)).status_code == 204
