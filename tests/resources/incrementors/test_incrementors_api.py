from __future__ import annotations

import asyncio

import httpx

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.IncrementorAdmin)
    made = await client.post(
        "/v1/incrementors",
        json={"ID": "orders", "Name": "Orders", "LastNumber": 0, "LeftPaddingCount": 6},
        headers=admin,
    )
    assert made.status_code == 201
    assert made.headers["location"] == "/v1/incrementors/orders"
    assert made.json() == {"ID": "orders", "Name": "Orders", "LastNumber": 0, "LeftPaddingCount": 6}

    got = await client.get("/v1/Incrementors/orders", headers=admin)
    assert got.json()["Name"] == "Orders"

    patched = await client.patch("/v1/incrementors/orders", json={"LastNumber": 41}, headers=admin)
    assert patched.json() == {"ID": "orders", "Name": "Orders", "LastNumber": 41, "LeftPaddingCount": 6}

    saved = await client.put("/v1/incrementors/orders", json={"LastNumber": 1, "LeftPaddingCount": 0}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {"ID": "orders", "Name": None, "LastNumber": 1, "LeftPaddingCount": 0}

    listed = await client.get("/v1/incrementors", params={"search": "ord"}, headers=admin)
    assert [i["ID"] for i in listed.json()["Items"]] == ["orders"]
    assert listed.json()["Meta"]["TotalCount"] == 1

    gone = await client.delete("/v1/incrementors/orders", headers=admin)
    assert gone.status_code == 204
    missing = await client.get("/v1/incrementors/orders", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "Incrementor", "ObjectID": "orders"}


async def test_an_incrementor_fills_ids_of_another_resource_concurrently(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.IncrementorAdmin)
    await client.post("/v1/incrementors", json={"ID": "seq", "LastNumber": 0, "LeftPaddingCount": 3}, headers=admin)

    async def make() -> httpx.Response:
        return await client.post(
            "/v1/incrementors", json={"ID": "inc-{seq}", "LastNumber": 0, "LeftPaddingCount": 0}, headers=admin
        )

    responses = await asyncio.gather(*(make() for _ in range(25)))
    assert all(r.status_code == 201 for r in responses)
    assert sorted(r.json()["ID"] for r in responses) == [f"inc-{n:03d}" for n in range(1, 26)]


async def test_duplicate_and_bad_bodies(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.IncrementorAdmin)
    body = {"ID": "dup", "LastNumber": 0, "LeftPaddingCount": 0}
    assert (await client.post("/v1/incrementors", json=body, headers=admin)).status_code == 201
    again = await client.post("/v1/incrementors", json=body, headers=admin)
    assert again.status_code == 409
    assert again.json()["Errors"][0]["ErrorCode"] == "IdExists"
    missing = await client.post("/v1/incrementors", json={"ID": "x"}, headers=admin)
    assert missing.status_code == 400
    assert missing.json()["Errors"][0]["Data"] == {"Field": "LastNumber"}
    negative = await client.post(
        "/v1/incrementors", json={"ID": "x", "LastNumber": -1, "LeftPaddingCount": 0}, headers=admin
    )
    assert negative.json()["Errors"][0]["ErrorCode"] == "ValidationFailure"
    bad_id = await client.post(
        "/v1/incrementors", json={"ID": "a b", "LastNumber": 0, "LeftPaddingCount": 0}, headers=admin
    )
    assert bad_id.status_code == 400
    listed = await client.get("/v1/incrementors", headers=admin)
    assert [i["ID"] for i in listed.json()["Items"]] == ["dup"]


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    reader = await callers.headers(Role.IncrementorReader)
    assert (await client.get("/v1/incrementors", headers=reader)).status_code == 200
    denied = await client.post("/v1/incrementors", json={"LastNumber": 0, "LeftPaddingCount": 0}, headers=reader)
    assert denied.status_code == 403
    error = denied.json()["Errors"][0]
    assert error["ErrorCode"] == "Auth.InsufficientRoles"
    assert error["Data"]["SufficientRoles"] == ["IncrementorAdmin"]
    nobody = await callers.headers("Shopper")
    assert (await client.get("/v1/incrementors", headers=nobody)).status_code == 403
    full = await callers.headers(Role.FullAccess)
    assert (await client.get("/v1/incrementors", headers=full)).status_code == 200


async def test_no_or_bad_token_is_401(client: httpx.AsyncClient, callers: Callers) -> None:
    assert (await client.get("/v1/incrementors")).status_code == 401
    assert (await client.get("/v1/incrementors", headers={"Authorization": "Bearer "})).status_code == 401
    bad = await client.get("/v1/incrementors", headers={"Authorization": "Bearer abc.def.ghi"})
    assert bad.status_code == 401
    assert bad.json()["Errors"][0]["ErrorCode"] == "Auth.InvalidToken"


async def test_marketplaces_do_not_see_each_other(
    client: httpx.AsyncClient, callers: Callers, database: object
) -> None:
    admin = await callers.admin()
    await client.post("/v1/incrementors", json={"ID": "mine", "LastNumber": 0, "LeftPaddingCount": 0}, headers=admin)
    assert (await client.get("/v1/incrementors/mine", headers=admin)).status_code == 200
