from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers

URL = "/v1/securityprofiles"


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    body = {
        "ID": "buyers",
        "Name": "Buyers",
        "Roles": ["Shopper", "MeAdmin", "Shopper"],
        "CustomRoles": ["can-approve"],
        "PasswordConfig": {"MinimumCharacterCount": 12, "LockoutDuration": 30},
    }
    made = await client.post(URL, json=body, headers=admin)
    assert made.status_code == 201
    assert made.headers["location"] == "/v1/securityprofiles/buyers"
    profile = made.json()
    assert profile["Roles"] == ["Shopper", "MeAdmin"]  # duplicates dropped, order kept
    assert profile["CustomRoles"] == ["can-approve"]
    assert profile["PasswordConfig"]["MinimumCharacterCount"] == 12
    assert profile["PasswordConfig"]["LockoutDuration"] == 30
    assert profile["PasswordConfig"]["AllowedFailedAttempts"] is None
    assert profile["IsExternalRoleGroup"] is False
    assert "xp" not in profile

    got = await client.get(f"{URL}/buyers", headers=admin)
    assert got.json() == profile

    patched = await client.patch(
        f"{URL}/buyers", json={"Name": "Shoppers", "PasswordConfig": {"AllowedFailedAttempts": 5}}, headers=admin
    )
    assert patched.status_code == 200
    assert patched.json()["Name"] == "Shoppers"
    assert patched.json()["Roles"] == ["Shopper", "MeAdmin"]
    config = patched.json()["PasswordConfig"]
    assert (config["MinimumCharacterCount"], config["LockoutDuration"], config["AllowedFailedAttempts"]) == (12, 30, 5)

    saved = await client.put(f"{URL}/buyers", json={"Name": "Plain"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": "buyers",
        "Name": "Plain",
        "Roles": [],
        "CustomRoles": [],
        "PasswordConfig": None,
        "IsExternalRoleGroup": False,
    }

    created_by_put = await client.put(f"{URL}/sellers", json={"Name": "Sellers", "Roles": None}, headers=admin)
    assert created_by_put.status_code == 200
    assert created_by_put.json()["Roles"] == []

    listed = await client.get(URL, params={"search": "plain"}, headers=admin)
    assert [p["ID"] for p in listed.json()["Items"]] == ["buyers"]
    by_name = await client.get(URL, params={"sortBy": "!Name"}, headers=admin)
    assert [p["ID"] for p in by_name.json()["Items"]] == ["sellers", "buyers"]
    assert by_name.json()["Meta"]["TotalCount"] == 2

    gone = await client.delete(f"{URL}/buyers", headers=admin)
    assert gone.status_code == 204
    missing = await client.get(f"{URL}/buyers", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "SecurityProfile", "ObjectID": "buyers"}
    assert (await client.delete(f"{URL}/buyers", headers=admin)).status_code == 404


async def test_read_only_and_generated_fields(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    made = await client.post(URL, json={"Name": "External?", "IsExternalRoleGroup": True}, headers=admin)
    assert made.status_code == 201
    assert made.json()["IsExternalRoleGroup"] is False
    assert len(made.json()["ID"]) == 22
    patched = await client.patch(f"{URL}/{made.json()['ID']}", json={"IsExternalRoleGroup": True}, headers=admin)
    assert patched.json()["IsExternalRoleGroup"] is False


@pytest.mark.parametrize(
    ("body", "code", "data"),
    [
        ({}, "ValidationFailure", {"Field": "Name"}),
        ({"Name": ""}, "ValidationFailure", {"Field": "Name"}),
        ({"Name": "x" * 101}, "ValidationFailure", {"Field": "Name"}),
        ({"Name": "p", "Roles": ["Shopper", "MakeMeRich"]}, "ValidationFailure", {"Field": "Roles[1]"}),
        ({"Name": "p", "Roles": "Shopper"}, "ValidationFailure", {"Field": "Roles"}),
        ({"Name": "p", "CustomRoles": ["two words"]}, "ValidationFailure", {"Field": "CustomRoles[0]"}),
        ({"Name": "p", "CustomRoles": [""]}, "ValidationFailure", {"Field": "CustomRoles[0]"}),
        ({"Name": "p", "CustomRoles": ["FullAccess"]}, "ValidationFailure", {"Field": "CustomRoles"}),
        ({"Name": "p", "PasswordConfig": {"LockoutDuration": 1}}, "ValidationFailure", None),
        ({"Name": "p", "PasswordConfig": {"LimitPasswordReuse": 25}}, "ValidationFailure", None),
        ({"Name": "p", "PasswordConfig": {"MinimumCharacterCount": 2**40}}, "ValidationFailure", None),
        ({"Name": "p", "PasswordConfig": {"UpperCaseRequired": "yes"}}, "ValidationFailure", None),
        (
            {"Name": "p", "PasswordConfig": {"MinimumCharacterCount": 9}},
            "SecurityProfile.InvalidPasswordConfiguration",
            None,
        ),
        (
            {"Name": "p", "PasswordConfig": {"MinimumCharacterCount": -1}},
            "SecurityProfile.InvalidPasswordConfiguration",
            None,
        ),
        ({"Name": "p", "ID": "a b"}, "ValidationFailure", {"Field": "ID"}),
        ({"Name": "p", "ID": "Assignments"}, "ValidationFailure", {"Field": "ID"}),
        ({"Name": "a\u0000b"}, "ValidationFailure", {"Field": "Name"}),
        ({"Name": "p", "CustomRoles": ["ok", "x\u0000"]}, "ValidationFailure", {"Field": "CustomRoles[1]"}),
    ],
)
async def test_bad_bodies_are_400(
    client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], code: str, data: dict[str, str] | None
) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    for response in (
        await client.post(URL, json=body, headers=admin),
        await client.put(f"{URL}/p1", json=body, headers=admin),
    ):
        assert response.status_code == 400, response.text
        error = response.json()["Errors"][0]
        assert error["ErrorCode"] == code
        if data is not None:
            assert error["Data"] == data
    assert (await client.get(URL, headers=admin)).json()["Items"] == []


async def test_bad_values_are_named(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    role = await client.post(URL, json={"Name": "p", "Roles": ["MakeMeRich"]}, headers=admin)
    assert "MakeMeRich" in role.json()["Errors"][0]["Message"]
    lockout = await client.post(URL, json={"Name": "p", "PasswordConfig": {"LockoutDuration": 1}}, headers=admin)
    assert lockout.json()["Errors"][0]["Data"] == {"Field": "PasswordConfig.LockoutDuration"}
    short = await client.post(URL, json={"Name": "p", "PasswordConfig": {"MinimumCharacterCount": 8}}, headers=admin)
    assert short.json()["Errors"][0]["Data"]["Field"] == "PasswordConfig.MinimumCharacterCount"


async def test_patch_is_validated_as_a_whole(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    body = {"ID": "p", "Name": "P", "PasswordConfig": {"MinimumCharacterCount": 14}}
    await client.post(URL, json=body, headers=admin)
    refused: list[dict[str, Any]] = [
        {"PasswordConfig": {"MinimumCharacterCount": 6}},
        {"Roles": ["Nope"]},
        {"Name": None},
        {"CustomRoles": ["OrderAdmin"]},
        {"CustomRoles": [{}, []]},
        {"CustomRoles": "solo"},
        {"ID": "assignments"},
        {"ID": 7},
        {"Roles": [{"a": 1}]},
    ]
    for changes in refused:
        response = await client.patch(f"{URL}/p", json=changes, headers=admin)
        assert response.status_code == 400, changes
    unchanged = (await client.get(f"{URL}/p", headers=admin)).json()
    assert unchanged["PasswordConfig"]["MinimumCharacterCount"] == 14
    assert unchanged["Name"] == "P"
    cleared = await client.patch(f"{URL}/p", json={"PasswordConfig": {"MinimumCharacterCount": None}}, headers=admin)
    assert cleared.json()["PasswordConfig"]["MinimumCharacterCount"] is None
    dropped = await client.patch(f"{URL}/p", json={"PasswordConfig": None}, headers=admin)
    assert dropped.json()["PasswordConfig"] is None


async def test_ids(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    assert (await client.post(URL, json={"ID": "dup", "Name": "D"}, headers=admin)).status_code == 201
    again = await client.post(URL, json={"ID": "dup", "Name": "D"}, headers=admin)
    assert again.status_code == 409
    assert again.json()["Errors"][0]["ErrorCode"] == "IdExists"
    await client.post(URL, json={"ID": "other", "Name": "O"}, headers=admin)
    taken = await client.patch(f"{URL}/other", json={"ID": "dup"}, headers=admin)
    assert taken.status_code == 409


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    await client.post(URL, json={"ID": "p", "Name": "P"}, headers=admin)

    reader = await callers.headers(Role.SecurityProfileReader)
    assert (await client.get(URL, headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/p", headers=reader)).status_code == 200
    for method, path, body in (
        ("POST", URL, {"Name": "R"}),
        ("PUT", f"{URL}/p", {"Name": "R"}),
        ("PATCH", f"{URL}/p", {"Name": "R"}),
        ("DELETE", f"{URL}/p", None),
        ("GET", f"{URL}/assignments", None),
        ("POST", f"{URL}/assignments", {"SecurityProfileID": "p"}),
        ("DELETE", f"{URL}/p/assignments", None),
    ):
        denied = await client.request(method, path, json=body, headers=reader)
        assert denied.status_code == 403, (method, path)
        error = denied.json()["Errors"][0]
        assert error["ErrorCode"] == "Auth.InsufficientRoles"
        assert error["Data"]["SufficientRoles"] == ["SecurityProfileAdmin", "SetSecurityProfile"]

    setter = await callers.headers(Role.SetSecurityProfile)
    assert (await client.patch(f"{URL}/p", json={"Name": "S"}, headers=setter)).status_code == 200
    assert (await client.post(f"{URL}/assignments", json={"SecurityProfileID": "p"}, headers=setter)).status_code == 204
    assert (await client.get(f"{URL}/assignments", headers=setter)).status_code == 200

    nobody = await callers.headers(Role.Shopper)
    assert (await client.get(URL, headers=nobody)).status_code == 403
    full = await callers.headers(Role.FullAccess)
    assert (await client.get(URL, headers=full)).status_code == 200
    assert (await client.get(URL)).status_code == 401


async def test_buyer_and_supplier_users_may_not_use_security_profiles(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    await client.post(URL, json={"ID": "p", "Name": "P", "Roles": ["FullAccess"]}, headers=admin)
    for user_type in (UserType.BUYER, UserType.SUPPLIER):
        outsider = await callers.headers(Role.SecurityProfileAdmin, Role.FullAccess, user_type=user_type)
        for method, path, body in (
            ("GET", URL, None),
            ("GET", f"{URL}/p", None),
            ("POST", URL, {"Name": "Mine"}),
            ("POST", f"{URL}/assignments", {"SecurityProfileID": "p"}),
        ):
            denied = await client.request(method, path, json=body, headers=outsider)
            assert denied.status_code == 403, (user_type, method, path)
            assert denied.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
    assert (await client.get(f"{URL}/assignments", headers=admin)).json()["Items"] == []


async def test_nul_in_a_path_is_400(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.SecurityProfileAdmin)
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        response = await client.request(method, f"{URL}/a%00b", json={"Name": "n"}, headers=admin)
        assert response.status_code == 400, method
        assert response.json()["Errors"][0]["Data"] == {"Field": "securityProfileID"}
    assignment = await client.delete(f"{URL}/a%00b/assignments", headers=admin)
    assert assignment.status_code == 400
