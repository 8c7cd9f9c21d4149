from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import insert, select

from mercato.auth.passwords import verify_password
from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import api_clients, marketplaces
from tests.fixtures.identity import Callers

BODY: dict[str, Any] = {"AppName": "Storefront", "AccessTokenDuration": 600}

DEFAULTS: dict[str, Any] = {
    "ClientSecret": None,
    "AccessTokenDuration": 600,
    "Active": False,
    "AppName": "Storefront",
    "RefreshTokenDuration": 0,
    "AnonymousTokenDuration": 10080,
    "DefaultContextUserName": None,
    "xp": None,
    "AllowAnyBuyer": False,
    "AllowAnySupplier": False,
    "AllowSeller": False,
    "IsAnonBuyer": False,
    "AssignedBuyerCount": 0,
    "AssignedSupplierCount": 0,
    "OrderCheckoutIntegrationEventID": None,
    "OrderCheckoutIntegrationEventName": None,
    "OrderReturnIntegrationEventID": None,
    "OrderReturnIntegrationEventName": None,
    "AddToCartIntegrationEventID": None,
    "AddToCartIntegrationEventName": None,
    "MinimumRequiredRoles": [],
    "MinimumRequiredCustomRoles": [],
    "MaximumGrantedRoles": [],
    "MaximumGrantedCustomRoles": [],
}


def no_secret(response: httpx.Response) -> Any:
    """Every response: no hash anywhere, and ClientSecret null wherever an ApiClient appears."""
    assert "argon2" not in response.text
    body = response.json()
    for item in body.get("Items", [body]) if isinstance(body, dict) else []:
        if "AppName" in item:
            assert item["ClientSecret"] is None
    return body


async def stored_hash(database: Database, client_id: str) -> str | None:
    async with database.transaction(write=False) as connection:
        value = await connection.scalar(select(api_clients.c.client_secret_hash).where(api_clients.c.id == client_id))
    assert value is None or isinstance(value, str)
    return value


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    made = await client.post("/v1/apiclients", json={**BODY, "ID": "ignored"}, headers=admin)
    assert made.status_code == 201
    body = no_secret(made)
    client_id = body["ID"]
    assert client_id != "ignored"
    assert len(client_id) == 22
    assert made.headers["location"] == f"/v1/apiclients/{client_id}"
    assert body == {"ID": client_id, **DEFAULTS}

    got = await client.get(f"/v1/ApiClients/{client_id}", headers=admin)
    assert no_secret(got) == body

    patched = await client.patch(
        f"/v1/apiclients/{client_id}",
        json={"Active": True, "xp": {"a": 1}, "MaximumGrantedRoles": ["Shopper", "MeAdmin", "Shopper"], "ID": "x"},
        headers=admin,
    )
    assert patched.status_code == 200
    assert no_secret(patched) == {
        **body,
        "Active": True,
        "xp": {"a": 1},
        "MaximumGrantedRoles": ["Shopper", "MeAdmin"],
    }

    saved = await client.put(
        f"/v1/apiclients/{client_id}",
        json={"AppName": "Renamed", "AccessTokenDuration": 10, "RefreshTokenDuration": 524160, "ID": "other"},
        headers=admin,
    )
    assert saved.status_code == 200
    assert no_secret(saved) == {
        **DEFAULTS,
        "ID": client_id,
        "AppName": "Renamed",
        "AccessTokenDuration": 10,
        "RefreshTokenDuration": 524160,
    }

    listed = await client.get("/v1/apiclients", params={"search": "renam"}, headers=admin)
    assert [i["ID"] for i in no_secret(listed)["Items"]] == [client_id]
    filtered = await client.get("/v1/apiclients", params={"Active": "false", "AppName": "Ren*"}, headers=admin)
    assert [i["ID"] for i in no_secret(filtered)["Items"]] == [client_id]

    gone = await client.delete(f"/v1/apiclients/{client_id}", headers=admin)
    assert gone.status_code == 204
    missing = await client.get(f"/v1/apiclients/{client_id}", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "ApiClient", "ObjectID": client_id}
    assert (await client.delete(f"/v1/apiclients/{client_id}", headers=admin)).status_code == 404


async def test_put_creates_at_the_path_id_and_ids_are_unique_across_marketplaces(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    created = await client.put("/v1/apiclients/my-storefront", json=BODY, headers=admin)
    assert created.status_code == 200
    assert no_secret(created)["ID"] == "my-storefront"
    # The caller's own client (made by the fixture) lives in this marketplace; its ID is taken for everyone.
    # (Active must be sent: PUT resets an omitted Active to false, which would lock this caller out.)
    taken = await client.put(f"/v1/apiclients/{callers.client_id}", json={**BODY, "Active": True}, headers=admin)
    assert taken.status_code == 200  # same marketplace: replaced

    other = Callers(database, callers.keys, callers.issuer, await _new_marketplace(database))
    elsewhere = await other.headers(Role.ApiClientAdmin)
    clash = await client.put("/v1/apiclients/my-storefront", json=BODY, headers=elsewhere)
    assert clash.status_code == 409
    assert clash.json()["Errors"][0]["ErrorCode"] == "IdExists"
    assert (await client.get("/v1/apiclients/my-storefront", headers=elsewhere)).status_code == 404
    listed = await client.get("/v1/apiclients", headers=elsewhere)
    assert [i["ID"] for i in listed.json()["Items"]] == [other.client_id]

    bad_id = await client.put("/v1/apiclients/not%20valid", json=BODY, headers=admin)
    assert bad_id.status_code == 400
    assert bad_id.json()["Errors"][0]["ErrorCode"] == "ValidationFailure"


async def _new_marketplace(database: Database) -> str:
    mid = f"mp-{uuid.uuid4().hex[:12]}"
    async with database.transaction() as connection:
        await connection.execute(insert(marketplaces).values(id=mid, name=mid, date_created=datetime.now(UTC)))
    return mid


async def test_client_secret_is_write_only(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    made = await client.post("/v1/apiclients", json={**BODY, "ClientSecret": "s3cret-value"}, headers=admin)
    assert made.status_code == 201
    client_id = no_secret(made)["ID"]
    assert "s3cret-value" not in made.text
    first = await stored_hash(database, client_id)
    assert first is not None
    assert first.startswith("$argon2id$")
    assert await verify_password(first, "s3cret-value")

    # PUT without ClientSecret (or with null, as a Get-then-Save round trip sends) keeps it.
    round_trip = {**made.json(), "AppName": "Again"}
    no_secret(await client.put(f"/v1/apiclients/{client_id}", json=round_trip, headers=admin))
    no_secret(await client.put(f"/v1/apiclients/{client_id}", json=BODY, headers=admin))
    no_secret(await client.patch(f"/v1/apiclients/{client_id}", json={"ClientSecret": None}, headers=admin))
    assert await stored_hash(database, client_id) == first

    # A new value replaces it; "" removes it.
    replaced = await client.patch(f"/v1/apiclients/{client_id}", json={"ClientSecret": "another"}, headers=admin)
    assert "another" not in replaced.text
    no_secret(replaced)
    second = await stored_hash(database, client_id)
    assert second is not None
    assert second != first
    assert await verify_password(second, "another")
    no_secret(await client.put(f"/v1/apiclients/{client_id}", json={**BODY, "ClientSecret": ""}, headers=admin))
    assert await stored_hash(database, client_id) is None
    no_secret(await client.put(f"/v1/apiclients/{client_id}", json={**BODY, "ClientSecret": "third"}, headers=admin))
    no_secret(await client.patch(f"/v1/apiclients/{client_id}", json={"ClientSecret": ""}, headers=admin))
    assert await stored_hash(database, client_id) is None

    created_with_secret = await client.put(
        "/v1/apiclients/with-secret", json={**BODY, "ClientSecret": "x"}, headers=admin
    )
    no_secret(created_with_secret)
    assert await stored_hash(database, "with-secret") is not None

    listed = await client.get("/v1/apiclients", headers=admin)
    no_secret(listed)
    # Filtering on the secret is not allowed: it would be an oracle.
    oracle = await client.get("/v1/apiclients", params={"ClientSecret": "x"}, headers=admin)
    assert oracle.status_code == 400
    assert oracle.json()["Errors"][0]["ErrorCode"] == "List.InvalidProperty"

    wrong_type = await client.patch(f"/v1/apiclients/{client_id}", json={"ClientSecret": 5}, headers=admin)
    assert wrong_type.status_code == 400
    assert wrong_type.json()["Errors"][0]["Data"] == {"Field": "ClientSecret"}
    too_long = await client.patch(f"/v1/apiclients/{client_id}", json={"ClientSecret": "y" * 201}, headers=admin)
    assert too_long.status_code == 400
    assert "y" * 20 not in too_long.text


async def test_validation(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)

    async def error(body: dict[str, Any]) -> dict[str, Any]:
        response = await client.post("/v1/apiclients", json=body, headers=admin)
        assert response.status_code == 400, response.text
        [detail] = response.json()["Errors"]
        assert isinstance(detail, dict)
        return detail

    assert (await error({"AppName": "x"}))["Data"] == {"Field": "AccessTokenDuration"}
    assert (await error({"AccessTokenDuration": 60}))["Data"] == {"Field": "AppName"}
    assert (await error({**BODY, "AppName": ""}))["Data"] == {"Field": "AppName"}
    assert (await error({**BODY, "AccessTokenDuration": 9}))["Data"] == {"Field": "AccessTokenDuration"}
    assert (await error({**BODY, "AccessTokenDuration": 601}))["Data"] == {"Field": "AccessTokenDuration"}
    assert (await error({**BODY, "RefreshTokenDuration": -1}))["Data"] == {"Field": "RefreshTokenDuration"}
    assert (await error({**BODY, "RefreshTokenDuration": 524161}))["Data"] == {"Field": "RefreshTokenDuration"}
    assert (await error({**BODY, "MinimumRequiredRoles": ["NoSuchRole"]}))["Data"] == {
        "Field": "MinimumRequiredRoles[0]"
    }
    assert (await error({**BODY, "Active": "yes"}))["ErrorCode"] == "ValidationFailure"
    assert (await error({**BODY, "xp": [1]}))["Data"] == {"Field": "xp"}
    assert (await error({**BODY, "AppName": "n" * 101}))["Data"] == {"Field": "AppName"}

    ok = await client.post(
        "/v1/apiclients",
        json={**BODY, "MinimumRequiredCustomRoles": ["any-string"], "AnonymousTokenDuration": None},
        headers=admin,
    )
    assert ok.status_code == 201
    client_id = ok.json()["ID"]
    assert ok.json()["MinimumRequiredCustomRoles"] == ["any-string"]
    assert ok.json()["AnonymousTokenDuration"] == 10080  # null reads as the default

    bad_patch = await client.patch(f"/v1/apiclients/{client_id}", json={"AccessTokenDuration": None}, headers=admin)
    assert bad_patch.status_code == 400
    assert bad_patch.json()["Errors"][0]["Data"] == {"Field": "AccessTokenDuration"}
    not_object = await client.patch(f"/v1/apiclients/{client_id}", json=[1], headers=admin)
    assert not_object.status_code == 400
    missing = await client.patch("/v1/apiclients/nope", json={"Active": True}, headers=admin)
    assert missing.status_code == 404


async def test_anonymous_buyer_needs_a_buyer_default_context_user(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    await callers.user(UserType.BUYER, company_id="buyer1", user_id="Guest-Template")
    await callers.user(UserType.ADMIN, user_id="seller-user")

    for name in (None, "nobody", "seller-user"):
        refused = await client.post(
            "/v1/apiclients", json={**BODY, "IsAnonBuyer": True, "DefaultContextUserName": name}, headers=admin
        )
        assert refused.status_code == 400
        assert refused.json()["Errors"][0]["ErrorCode"] == "ApiClient.RequiredNotAnonBuyer"

    made = await client.post(
        "/v1/apiclients",
        json={**BODY, "IsAnonBuyer": True, "DefaultContextUserName": "guest-template"},
        headers=admin,
    )
    assert made.status_code == 201
    client_id = made.json()["ID"]
    moved = await client.patch(
        f"/v1/apiclients/{client_id}", json={"DefaultContextUserName": "seller-user"}, headers=admin
    )
    assert moved.json()["Errors"][0]["ErrorCode"] == "ApiClient.RequiredNotAnonBuyer"
    off = await client.patch(
        f"/v1/apiclients/{client_id}",
        json={"IsAnonBuyer": False, "DefaultContextUserName": "seller-user"},
        headers=admin,
    )
    assert off.status_code == 200
    assert off.json()["DefaultContextUserName"] == "seller-user"


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    client_id = (await client.post("/v1/apiclients", json=BODY, headers=admin)).json()["ID"]
    reader = await callers.headers(Role.ApiClientReader)
    assert (await client.get("/v1/apiclients", headers=reader)).status_code == 200
    assert (await client.get(f"/v1/apiclients/{client_id}", headers=reader)).status_code == 200
    assert (await client.get(f"/v1/apiclients/{client_id}/secrets", headers=reader)).status_code == 200
    assert (await client.get("/v1/apiclients/assignments", headers=reader)).status_code == 200

    writes = [
        client.post("/v1/apiclients", json=BODY, headers=reader),
        client.put(f"/v1/apiclients/{client_id}", json=BODY, headers=reader),
        client.patch(f"/v1/apiclients/{client_id}", json={"Active": True}, headers=reader),
        client.delete(f"/v1/apiclients/{client_id}", headers=reader),
        client.post(f"/v1/apiclients/{client_id}/secrets", json={"Name": "n"}, headers=reader),
        client.patch(f"/v1/apiclients/{client_id}/secrets/s", json={"Name": "n"}, headers=reader),
        client.delete(f"/v1/apiclients/{client_id}/secrets/s", headers=reader),
        client.post("/v1/apiclients/assignments", json={"ApiClientID": client_id, "BuyerID": "b"}, headers=reader),
        client.delete(f"/v1/buyers/b/ApiClients/Assignments/{client_id}", headers=reader),
        client.delete(f"/v1/suppliers/s/ApiClients/Assignments/{client_id}", headers=reader),
    ]
    for write in writes:
        denied = await write
        assert denied.status_code == 403
        error = denied.json()["Errors"][0]
        assert error["ErrorCode"] == "Auth.InsufficientRoles"
        assert error["Data"]["SufficientRoles"] == ["ApiClientAdmin"]

    nobody = await callers.headers(Role.Shopper)
    assert (await client.get("/v1/apiclients", headers=nobody)).status_code == 403
    assert (await client.get(f"/v1/apiclients/{client_id}/secrets/x", headers=nobody)).status_code == 403
    full = await callers.headers(Role.FullAccess)
    assert (await client.get("/v1/apiclients", headers=full)).status_code == 200

    # API clients are the marketplace owner's: a buyer user is refused whatever its roles.
    buyer = await callers.headers(Role.ApiClientAdmin, user_type=UserType.BUYER)
    refused = await client.get("/v1/apiclients", headers=buyer)
    assert refused.status_code == 403
    assert refused.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
    assert (await client.post("/v1/apiclients", json=BODY, headers=buyer)).status_code == 403

    assert (await client.get("/v1/apiclients")).status_code == 401
