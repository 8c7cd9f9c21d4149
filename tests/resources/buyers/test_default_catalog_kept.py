"""A PUT or PATCH that leaves DefaultCatalogID out keeps the catalog made for the buyer: what the official clients
send for ``Buyers.Save(id, {ID, Name, Active})`` (found by tests/sdk, which got 409
Buyer.DefaultCatalogAlreadyExists for it)."""

from __future__ import annotations

import httpx

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers


async def test_put_and_patch_without_default_catalog_keep_the_buyers_own(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.BuyerAdmin)
    made = await client.post("/v1/buyers", json={"ID": "acme", "Name": "Acme", "Active": True}, headers=admin)
    assert made.json()["DefaultCatalogID"] == "acme"
    saved = await client.put("/v1/buyers/acme", json={"ID": "acme", "Name": "Acme 2", "Active": True}, headers=admin)
    assert saved.status_code == 200, saved.text
    assert (saved.json()["Name"], saved.json()["DefaultCatalogID"]) == ("Acme 2", "acme")
    patched = await client.patch("/v1/buyers/acme", json={"DefaultCatalogID": None}, headers=admin)
    assert patched.status_code == 200, patched.text
    assert patched.json()["DefaultCatalogID"] == "acme"
    got = await client.get("/v1/buyers/acme", headers=admin)
    assert got.json()["DefaultCatalogID"] == "acme"
