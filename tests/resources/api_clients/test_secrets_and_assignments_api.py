from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from mercato.auth.passwords import verify_secret
from mercato.auth.roles import Role
from mercato.db.engine import Database
from mercato.db.tables import api_client_assignments, api_client_secrets
from mercato.resources.api_clients.client_secrets import MAX_SECRETS
from tests.fixtures.identity import Callers

BODY = {"AppName": "Integration", "AccessTokenDuration": 60}


async def new_client(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    made = await client.post("/v1/apiclients", json=BODY, headers=headers)
    assert made.status_code == 201
    client_id = made.json()["ID"]
    assert isinstance(client_id, str)
    return client_id


def future(days: int = 30) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


async def test_secret_lifecycle(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    client_id = await new_client(client, admin)
    base = f"/v1/apiclients/{client_id}/secrets"

    made = await client.post(base, json={"ID": "ci", "Name": "CI pipeline", "Expiration": future()}, headers=admin)
    assert made.status_code == 201
    assert made.headers["location"] == f"{base}/ci"
    body = made.json()
    value = body["ClientSecret"]
    assert isinstance(value, str)
    assert len(value) >= 43
    assert set(body) == {"ID", "Name", "Expiration", "DateCreated", "ClientSecret"}
    assert body["ID"] == "ci"
    assert body["Name"] == "CI pipeline"

    async with database.transaction(write=False) as connection:
        stored = await connection.scalar(
            select(api_client_secrets.c.secret_hash).where(api_client_secrets.c.id == "ci")
        )
    assert isinstance(stored, str)
    assert stored.startswith("sha256$")
    assert value not in stored
    assert await verify_secret(stored, value)
    assert not await verify_secret(stored, value + "x")

    got = await client.get(f"{base}/ci", headers=admin)
    assert got.status_code == 200
    assert got.json() == {k: body[k] for k in ("ID", "Name", "Expiration", "DateCreated")}
    assert value not in got.text
    assert "argon2" not in got.text

    generated = await client.post(base, json={"Name": "generated id"}, headers=admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22
    assert generated.json()["Expiration"] is None
    assert generated.json()["ClientSecret"] != value

    listed = await client.get(base, params={"sortBy": "Name"}, headers=admin)
    assert [i["Name"] for i in listed.json()["Items"]] == ["CI pipeline", "generated id"]
    assert "argon2" not in listed.text
    assert value not in listed.text
    assert all("ClientSecret" not in item for item in listed.json()["Items"])
    searched = await client.get(base, params={"search": "pipeline"}, headers=admin)
    assert [i["ID"] for i in searched.json()["Items"]] == ["ci"]

    patched = await client.patch(f"{base}/ci", json={"Name": "CI", "ClientSecret": "ignored"}, headers=admin)
    assert patched.status_code == 200
    assert patched.json()["Name"] == "CI"
    assert patched.json()["Expiration"] == body["Expiration"]
    async with database.transaction(write=False) as connection:
        after = await connection.scalar(select(api_client_secrets.c.secret_hash).where(api_client_secrets.c.id == "ci"))
    assert after == stored

    extended = await client.patch(f"{base}/ci", json={"Expiration": "2999-01-01T00:00:00"}, headers=admin)
    assert extended.status_code == 200
    assert extended.json()["Expiration"].startswith("2999-01-01T00:00:00")
    cleared = await client.patch(f"{base}/ci", json={"Expiration": None}, headers=admin)
    assert cleared.json()["Expiration"] is None

    assert (await client.delete(f"{base}/ci", headers=admin)).status_code == 204
    assert (await client.get(f"{base}/ci", headers=admin)).status_code == 404
    assert (await client.delete(f"{base}/ci", headers=admin)).status_code == 404

    # Secrets go with their client.
    assert (await client.delete(f"/v1/apiclients/{client_id}", headers=admin)).status_code == 204
    missing = await client.get(base, headers=admin)
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "ApiClient", "ObjectID": client_id}
    async with database.transaction(write=False) as connection:
        left = (
            await connection.execute(
                select(api_client_secrets.c.id).where(api_client_secrets.c.api_client_id == client_id)
            )
        ).all()
    assert left == []


async def test_secret_rules(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    client_id = await new_client(client, admin)
    base = f"/v1/apiclients/{client_id}/secrets"

    past = await client.post(base, json={"Name": "old", "Expiration": "2000-01-01T00:00:00Z"}, headers=admin)
    assert past.status_code == 400
    assert past.json()["Errors"][0]["ErrorCode"] == "ApiClientSecret.InvalidExpirationDate"
    no_name = await client.post(base, json={"Expiration": future()}, headers=admin)
    assert no_name.status_code == 400
    assert no_name.json()["Errors"][0]["Data"] == {"Field": "Name"}
    bad_date = await client.post(base, json={"Name": "x", "Expiration": "soon"}, headers=admin)
    assert bad_date.status_code == 400
    extreme = await client.post(base, json={"Name": "x", "Expiration": "9999-12-31T23:59:59-10:00"}, headers=admin)
    assert extreme.status_code == 400
    bad_id = await client.post(base, json={"ID": "a b", "Name": "x"}, headers=admin)
    assert bad_id.status_code == 400
    unknown = await client.post("/v1/apiclients/nope/secrets", json={"Name": "x"}, headers=admin)
    assert unknown.status_code == 404

    made = await client.post(base, json={"ID": "s1", "Name": "one"}, headers=admin)
    assert made.status_code == 201
    duplicate = await client.post(base, json={"ID": "s1", "Name": "again"}, headers=admin)
    assert duplicate.status_code == 409
    expire_now = await client.patch(f"{base}/s1", json={"Expiration": "2001-01-01T00:00:00Z"}, headers=admin)
    assert expire_now.status_code == 400
    assert expire_now.json()["Errors"][0]["ErrorCode"] == "ApiClientSecret.InvalidExpirationDate"
    null_name = await client.patch(f"{base}/s1", json={"Name": None}, headers=admin)
    assert null_name.status_code == 400
    assert null_name.json()["Errors"][0]["Data"] == {"Field": "Name"}

    # At most MAX_SECRETS, even when requested concurrently.
    responses = await asyncio.gather(
        *(client.post(base, json={"Name": f"n{i}"}, headers=admin) for i in range(MAX_SECRETS + 3))
    )
    assert sorted(r.status_code for r in responses) == [201] * (MAX_SECRETS - 1) + [400] * 4
    refused = next(r for r in responses if r.status_code == 400)
    assert refused.json()["Errors"][0]["ErrorCode"] == "ApiClientSecret.MaximumClientSecretsReached"
    listed = await client.get(base, params={"pageSize": 100}, headers=admin)
    assert listed.json()["Meta"]["TotalCount"] == MAX_SECRETS


async def test_assignments_and_counts(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    first = await new_client(client, admin)
    second = await new_client(client, admin)

    async def assign(body: dict[str, Any]) -> httpx.Response:
        return await client.post("/v1/apiclients/assignments", json=body, headers=admin)

    for body in (
        {"ApiClientID": first, "BuyerID": "b1"},
        {"ApiClientID": first, "BuyerID": "b2", "SupplierID": None},
        {"ApiClientID": first, "BuyerID": "", "SupplierID": "s1"},
        {"ApiClientID": second, "BuyerID": "b1"},
        {"ApiClientID": first, "BuyerID": "b1"},  # again: no change
    ):
        response = await assign(body)
        assert response.status_code == 204, response.text
        assert response.content == b""

    got = await client.get(f"/v1/apiclients/{first}", headers=admin)
    assert (got.json()["AssignedBuyerCount"], got.json()["AssignedSupplierCount"]) == (2, 1)
    listed = await client.get("/v1/apiclients", params={"sortBy": "AppName"}, headers=admin)
    counts = {i["ID"]: (i["AssignedBuyerCount"], i["AssignedSupplierCount"]) for i in listed.json()["Items"]}
    assert counts[first] == (2, 1)
    assert counts[second] == (1, 0)
    assert counts[callers.client_id] == (0, 0)

    everything = await client.get("/v1/apiclients/assignments", headers=admin)
    assert everything.json()["Meta"]["TotalCount"] == 4
    assert {"ApiClientID": first, "BuyerID": None, "SupplierID": "s1"} in everything.json()["Items"]
    for_first = await client.get("/v1/apiclients/assignments", params={"apiClientID": first}, headers=admin)
    assert for_first.json()["Items"] == [
        {"ApiClientID": first, "BuyerID": None, "SupplierID": "s1"},
        {"ApiClientID": first, "BuyerID": "b1", "SupplierID": None},
        {"ApiClientID": first, "BuyerID": "b2", "SupplierID": None},
    ]
    for_b1 = await client.get("/v1/apiclients/assignments", params={"buyerID": "b1"}, headers=admin)
    assert sorted(i["ApiClientID"] for i in for_b1.json()["Items"]) == sorted([first, second])
    for_s1 = await client.get("/v1/apiclients/assignments", params={"supplierID": "s1"}, headers=admin)
    assert [i["ApiClientID"] for i in for_s1.json()["Items"]] == [first]
    paged = await client.get(
        "/v1/apiclients/assignments", params={"sortBy": "!BuyerID", "pageSize": 1, "page": 2}, headers=admin
    )
    assert paged.json()["Meta"]["TotalCount"] == 4
    assert len(paged.json()["Items"]) == 1
    assert paged.json()["Items"][0]["BuyerID"] == "b1"
    not_a_filter = await client.get("/v1/apiclients/assignments", params={"BuyerID": "b1"}, headers=admin)
    assert not_a_filter.status_code == 400

    assert (await client.delete(f"/v1/buyers/b1/ApiClients/Assignments/{first}", headers=admin)).status_code == 204
    assert (await client.delete(f"/v1/buyers/b1/apiclients/assignments/{first}", headers=admin)).status_code == 404
    assert (await client.delete(f"/v1/suppliers/s1/ApiClients/Assignments/{first}", headers=admin)).status_code == 204
    # A buyer assignment is not a supplier assignment.
    assert (await client.delete(f"/v1/suppliers/b2/ApiClients/Assignments/{first}", headers=admin)).status_code == 404
    unknown = await client.delete("/v1/buyers/b1/ApiClients/Assignments/nope", headers=admin)
    assert unknown.status_code == 404
    assert unknown.json()["Errors"][0]["Data"] == {"ObjectType": "ApiClient", "ObjectID": "nope"}
    got = await client.get(f"/v1/apiclients/{first}", headers=admin)
    assert (got.json()["AssignedBuyerCount"], got.json()["AssignedSupplierCount"]) == (1, 0)

    # Assignments go with their client.
    assert (await client.delete(f"/v1/apiclients/{second}", headers=admin)).status_code == 204
    async with database.transaction(write=False) as connection:
        left = (
            await connection.execute(
                select(api_client_assignments.c.buyer_id).where(api_client_assignments.c.api_client_id == second)
            )
        ).all()
    assert left == []


async def test_assignment_rules(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ApiClientAdmin)
    client_id = await new_client(client, admin)

    async def assign(body: dict[str, Any]) -> httpx.Response:
        return await client.post("/v1/apiclients/assignments", json=body, headers=admin)

    both = await assign({"ApiClientID": client_id, "BuyerID": "b", "SupplierID": "s"})
    assert both.status_code == 400
    assert both.json()["Errors"][0]["ErrorCode"] == "PartyAssignment.CannotProvideBuyerAndSupplier"
    neither = await assign({"ApiClientID": client_id, "BuyerID": "", "SupplierID": None})
    assert neither.status_code == 400
    assert neither.json()["Errors"][0]["ErrorCode"] == "ValidationFailure"
    no_client = await assign({"BuyerID": "b"})
    assert no_client.status_code == 400
    assert no_client.json()["Errors"][0]["Data"] == {"Field": "ApiClientID"}
    empty_client = await assign({"ApiClientID": "", "BuyerID": "b"})
    assert empty_client.status_code == 400
    assert empty_client.json()["Errors"][0]["Data"] == {"Field": "ApiClientID"}
    unknown = await assign({"ApiClientID": "nope", "BuyerID": "b"})
    assert unknown.status_code == 404
    assert unknown.json()["Errors"][0]["Data"] == {"ObjectType": "ApiClient", "ObjectID": "nope"}
    bad_id = await assign({"ApiClientID": client_id, "BuyerID": "not valid"})
    assert bad_id.status_code == 400
    assert bad_id.json()["Errors"][0]["Data"] == {"Field": "BuyerID"}
    listed = await client.get("/v1/apiclients/assignments", headers=admin)
    assert listed.json()["Items"] == []
