"""POST /oauth/token as the official SDKs call it (SDK-WIRE.md §2), and what the tokens it issues can do."""

from __future__ import annotations

from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy import update

from mercato.db.tables import buyers
from tests.fixtures.world import PASSWORD, World

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def token(client: httpx.AsyncClient, **fields: str) -> httpx.Response:
    return await client.post("/oauth/token", data=fields)


def claims(access_token: str) -> dict[str, Any]:
    decoded: dict[str, Any] = jwt.decode(access_token, options={"verify_signature": False})
    return decoded


async def test_password_grant_returns_a_jwt_with_ordercloud_claims(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("admin1")
    await world.profile(["FullAccess"])
    response = await token(client, grant_type="password", username="admin1", password=PASSWORD, client_id=client_id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 3600
    assert "refresh_token" not in body
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "RS256"
    assert header["kid"]
    payload = claims(body["access_token"])
    assert payload["usr"] == "admin1"
    assert payload["cid"] == client_id
    assert payload["usrtype"] == "admin"
    assert payload["role"] == "FullAccess"
    for claim in ("u", "iss", "aud", "exp", "nbf", "iat", "jti"):
        assert claim in payload
    me = await client.get("/v1/adminusers", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200


async def test_js_sdk_and_python_form_encodings_are_both_accepted(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("enc")
    await world.profile(["Shopper", "MeAdmin"], custom=["CustomRoleA"])
    js = await client.post(
        "/oauth/token",
        content=f"grant_type=password&username=enc&password={PASSWORD}&client_id={client_id}&scope=Shopper%20MeAdmin%20CustomRoleA",
        headers=FORM,
    )
    py = await client.post(
        "/oauth/token",
        content=f"grant_type=password&client_id={client_id}&username=enc&password={PASSWORD}&scope=Shopper+MeAdmin&client_secret=",
        headers=FORM,
    )
    assert claims(js.json()["access_token"])["role"] == ["MeAdmin", "Shopper", "CustomRoleA"]
    assert claims(py.json()["access_token"])["role"] == ["MeAdmin", "Shopper"]


async def test_scope_is_intersected_with_the_users_roles(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("scoped")
    await world.profile(["Shopper", "MeAdmin"])
    asked = await token(
        client,
        grant_type="password",
        username="scoped",
        password=PASSWORD,
        client_id=client_id,
        scope="Shopper OrderAdmin",
    )
    assert claims(asked.json()["access_token"])["role"] == "Shopper"
    everything = await token(client, grant_type="password", username="scoped", password=PASSWORD, client_id=client_id)
    assert claims(everything.json()["access_token"])["role"] == ["MeAdmin", "Shopper"]
    js_bug = await token(
        client,
        grant_type="password",
        username="scoped",
        password=PASSWORD,
        client_id=client_id,
        scope="undefined MeAdmin",
    )
    assert claims(js_bug.json()["access_token"])["role"] == "MeAdmin"


async def test_full_access_may_ask_for_any_role(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("boss")
    await world.profile(["FullAccess"])
    response = await token(
        client,
        grant_type="password",
        username="boss",
        password=PASSWORD,
        client_id=client_id,
        scope="OrderAdmin ProductReader",
    )
    assert claims(response.json()["access_token"])["role"] == ["OrderAdmin", "ProductReader"]


async def test_client_minimum_and_maximum_roles(client: httpx.AsyncClient, world: World) -> None:
    capped = await world.client(maximum_granted_roles=["Shopper"])
    needs = await world.client(minimum_required_roles=["OrderAdmin"])
    await world.user("mm")
    await world.profile(["Shopper", "MeAdmin"])
    got = await token(client, grant_type="password", username="mm", password=PASSWORD, client_id=capped)
    assert claims(got.json()["access_token"])["role"] == "Shopper"
    refused = await token(client, grant_type="password", username="mm", password=PASSWORD, client_id=needs)
    assert refused.status_code == 400
    assert refused.json()["Errors"][0]["ErrorCode"] == "Auth.InsufficientRoles"
    assert refused.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("fields", "status", "code", "oauth"),
    [
        ({"username": "bad", "password": PASSWORD}, 400, "Auth.InvalidUsernameOrPassword", "invalid_grant"),
        ({"username": "u1", "password": "wrong"}, 400, "Auth.InvalidUsernameOrPassword", "invalid_grant"),
        ({"username": "u1", "password": ""}, 400, "Auth.UsernameAndPasswordRequired", "invalid_request"),
        (
            {"username": "u1", "password": PASSWORD, "client_id": "nope"},
            401,
            "ApiClient.InvalidClientID",
            "invalid_client",
        ),
        (
            {"username": "u1", "password": PASSWORD, "grant_type": "implicit"},
            400,
            "Auth.OauthError",
            "unsupported_grant_type",
        ),
    ],
)
async def test_login_errors(
    client: httpx.AsyncClient, world: World, fields: dict[str, str], status: int, code: str, oauth: str
) -> None:
    client_id = await world.client()
    await world.user("u1")
    response = await token(client, **({"grant_type": "password", "client_id": client_id} | fields))
    assert response.status_code == status
    body = response.json()
    assert body["Errors"][0]["ErrorCode"] == code
    assert body["error"] == oauth
    assert body["error_description"]


async def test_bad_username_and_bad_password_look_the_same(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("real")
    unknown = await token(client, grant_type="password", username="ghost", password="x", client_id=client_id)
    wrong = await token(client, grant_type="password", username="real", password="x", client_id=client_id)
    assert unknown.status_code == wrong.status_code
    assert unknown.json() == wrong.json()


async def test_inactive_user_and_client(client: httpx.AsyncClient, world: World) -> None:
    off_client = await world.client(active=False)
    on_client = await world.client()
    await world.user("sleepy", active=False)
    await world.user("awake")
    inactive_user = await token(
        client, grant_type="password", username="sleepy", password=PASSWORD, client_id=on_client
    )
    assert inactive_user.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotActive"
    inactive_client = await token(
        client, grant_type="password", username="awake", password=PASSWORD, client_id=off_client
    )
    assert inactive_client.status_code == 401
    assert inactive_client.json()["Errors"][0]["ErrorCode"] == "Auth.ClientNotActive"


async def test_client_secret_is_required_on_every_grant_when_the_client_has_one(
    client: httpx.AsyncClient, world: World
) -> None:
    client_id = await world.client(secret="s3cret", default_context_user_name="ctx")
    await world.user("ctx")
    await world.profile(["FullAccess"])
    base = {"grant_type": "password", "username": "ctx", "password": PASSWORD, "client_id": client_id}
    missing = await token(client, **base)
    assert missing.status_code == 401
    wrong = await token(client, **(base | {"client_secret": "nope"}))
    assert wrong.status_code == 401
    elevated = await token(client, **(base | {"client_secret": "s3cret"}))
    assert elevated.status_code == 200
    credentials = await token(client, grant_type="client_credentials", client_id=client_id, client_secret="s3cret")
    assert credentials.status_code == 200
    assert claims(credentials.json()["access_token"])["usr"] == "ctx"
    no_secret = await token(client, grant_type="client_credentials", client_id=client_id)
    assert no_secret.status_code == 401


async def test_client_credentials_needs_a_secret_or_an_anonymous_client(
    client: httpx.AsyncClient, world: World
) -> None:
    public = await world.client(default_context_user_name="someone")
    await world.user("someone")
    response = await token(client, grant_type="client_credentials", client_id=public)
    assert response.status_code == 401


async def test_anonymous_token_is_a_temporary_copy_of_the_context_buyer(
    client: httpx.AsyncClient, world: World
) -> None:
    anon_client = await world.client(is_anon_buyer=True, default_context_user_name="template-buyer")
    await world.user("template-buyer", user_type="buyer", company_id="b1", password=None)
    await world.profile(["Shopper"], buyer_id="b1")
    first = await token(
        client, grant_type="client_credentials", client_id=anon_client, scope="Shopper", anonuserid="anon-42"
    )
    second = await token(client, grant_type="client_credentials", client_id=anon_client, scope="Shopper")
    assert first.status_code == 200, first.text
    one, two = claims(first.json()["access_token"]), claims(second.json()["access_token"])
    assert one["usrtype"] == "buyer"
    assert one["role"] == "Shopper"
    assert one["u"] != two["u"]
    assert one["usr"].startswith("anon-")
    assert first.json()["expires_in"] == 10080 * 60
    assert "refresh_token" not in first.json()


async def test_refresh_tokens(client: httpx.AsyncClient, world: World) -> None:
    refreshing = await world.client(refresh_token_duration=60)
    plain = await world.client()
    await world.user("fresh")
    await world.profile(["MeAdmin"])
    login = await token(client, grant_type="password", username="fresh", password=PASSWORD, client_id=refreshing)
    refresh = login.json()["refresh_token"]
    assert refresh
    renewed = await token(client, grant_type="refresh_token", client_id=refreshing, refresh_token=refresh)
    assert renewed.status_code == 200
    assert claims(renewed.json()["access_token"])["role"] == "MeAdmin"
    again = await token(client, grant_type="refresh_token", client_id=refreshing, refresh_token=refresh)
    assert again.status_code == 200
    elsewhere = await token(client, grant_type="refresh_token", client_id=plain, refresh_token=refresh)
    assert elsewhere.status_code == 400
    forged = await token(client, grant_type="refresh_token", client_id=refreshing, refresh_token="made-up")
    assert forged.json()["Errors"][0]["ErrorCode"] == "Auth.InvalidToken"


async def test_lockout_after_failed_attempts_and_unlock(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("victim")
    await world.profile(["FullAccess"], password_config={"AllowedFailedAttempts": 3, "LockoutDuration": 10})
    await world.user("keeper")
    for _ in range(3):
        bad = await token(client, grant_type="password", username="victim", password="nope", client_id=client_id)
        assert bad.json()["Errors"][0]["ErrorCode"] == "Auth.InvalidUsernameOrPassword"
    locked = await token(client, grant_type="password", username="victim", password=PASSWORD, client_id=client_id)
    assert locked.status_code == 400
    assert locked.json()["Errors"][0]["ErrorCode"] == "Auth.LockedOut"
    admin = await token(client, grant_type="password", username="keeper", password=PASSWORD, client_id=client_id)
    headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
    assert (await client.get("/v1/adminusers/victim", headers=headers)).json()["FailedLoginAttempts"] == 3
    assert (await client.post("/v1/adminusers/victim/unlock", headers=headers)).status_code == 204
    ok = await token(client, grant_type="password", username="victim", password=PASSWORD, client_id=client_id)
    assert ok.status_code == 200


async def test_a_json_body_is_refused(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post("/oauth/token", json={"grant_type": "password"})
    assert response.status_code == 400
    assert response.json()["Errors"][0]["ErrorCode"] == "Request.InvalidContentType"


async def test_certs_serve_the_public_key_that_verifies_tokens(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("k")
    login = await token(client, grant_type="password", username="k", password=PASSWORD, client_id=client_id)
    access = login.json()["access_token"]
    kid = jwt.get_unverified_header(access)["kid"]
    jwk = (await client.get(f"/oauth/certs/{kid}")).json()
    assert jwk["kty"] == "RSA"
    assert "d" not in jwk
    key = jwt.PyJWK(jwk)
    assert jwt.decode(access, key.key, algorithms=["RS256"], options={"verify_aud": False})["usr"] == "k"
    assert (await client.get("/oauth/certs/unknown")).status_code == 404


async def test_userinfo(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("info")
    login = await token(client, grant_type="password", username="info", password=PASSWORD, client_id=client_id)
    info = await client.get("/oauth/userinfo", headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    assert info.status_code == 200
    assert info.json()["preferred_username"] == "info"
    assert (await client.get("/oauth/userinfo")).status_code == 401


async def test_hostile_form_values_are_400s_not_500s(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    for fields in (
        {"username": "a\x00b", "password": "x"},
        {"username": "x" * 5000, "password": "y" * 5000},
        {"username": "' OR 1=1 --", "password": "x"},
        {"username": "u", "password": "p", "scope": "Shopper\x00"},
    ):
        response = await token(client, grant_type="password", client_id=client_id, **fields)
        assert response.status_code == 400, response.text
    assert (
        await token(client, grant_type="password", client_id="a\x00b", username="u", password="p")
    ).status_code == 400


async def test_an_inactive_buyer_blocks_its_users_logins_and_tokens(client: httpx.AsyncClient, world: World) -> None:
    client_id = await world.client()
    await world.user("shopper", user_type="buyer", company_id="acme")
    await world.profile(["Shopper"], buyer_id="acme")
    login = await token(client, grant_type="password", username="shopper", password=PASSWORD, client_id=client_id)
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert (await client.get("/v1/me", headers=headers)).status_code == 200
    async with world.database.transaction() as connection:
        await connection.execute(
            update(buyers).where(buyers.c.marketplace_id == world.marketplace_id).values(active=False)
        )
    refused = await token(client, grant_type="password", username="shopper", password=PASSWORD, client_id=client_id)
    assert refused.json()["Errors"][0]["ErrorCode"] == "Auth.CompanyNotActive"
    later = await client.get("/v1/me", headers=headers)
    assert later.status_code == 401
    assert later.json()["Errors"][0]["ErrorCode"] == "Auth.CompanyNotActive"


async def test_refresh_needs_no_client_secret_even_on_a_confidential_client(
    client: httpx.AsyncClient, world: World
) -> None:
    confidential = await world.client(secret="sh", refresh_token_duration=60)
    await world.user("conf")
    login = await token(
        client, grant_type="password", username="conf", password=PASSWORD, client_id=confidential, client_secret="sh"
    )
    refresh = login.json()["refresh_token"]
    assert (
        await token(client, grant_type="refresh_token", client_id=confidential, refresh_token=refresh)
    ).status_code == 200
    wrong = await token(
        client, grant_type="refresh_token", client_id=confidential, refresh_token=refresh, client_secret="nope"
    )
    assert wrong.status_code == 401
