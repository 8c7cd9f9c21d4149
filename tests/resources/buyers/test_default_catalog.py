from __future__ import annotations

import httpx
from sqlalchemy import insert, select

from mercato.auth.roles import Role
from mercato.db.engine import Database
from mercato.db.tables import catalog_assignments, catalogs
from tests.fixtures.identity import Callers


async def assignments(database: Database, marketplace_id: str, buyer_id: str) -> list[tuple[str, bool, bool]]:
    a = catalog_assignments.c
    async with database.transaction(write=False) as connection:
        rows = await connection.execute(
            select(a.catalog_id, a.view_all_categories, a.view_all_products)
            .where(a.marketplace_id == marketplace_id, a.buyer_id == buyer_id)
            .order_by(a.catalog_id)
        )
        return [tuple(row) for row in rows]


async def test_a_new_buyer_gets_a_default_catalog_with_its_id(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.BuyerAdmin)
    made = await client.post("/v1/buyers", json={"ID": "acme", "Name": "Acme", "Active": True}, headers=admin)
    assert made.json()["DefaultCatalogID"] == "acme"
    async with database.transaction(write=False) as connection:
        name = await connection.scalar(
            select(catalogs.c.name).where(catalogs.c.marketplace_id == callers.marketplace_id, catalogs.c.id == "acme")
        )
    assert name == "Acme"
    assert await assignments(database, callers.marketplace_id, "acme") == [("acme", True, True)]
    clash = await client.post("/v1/buyers", json={"ID": "other", "Name": "O", "DefaultCatalogID": None}, headers=admin)
    assert clash.status_code == 201
    taken = await client.put("/v1/buyers/acme2", json={"ID": "acme", "Name": "again"}, headers=admin)
    assert taken.status_code == 409


async def test_a_named_default_catalog_must_exist_and_gets_assigned(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.BuyerAdmin)
    missing = await client.post("/v1/buyers", json={"ID": "b", "Name": "B", "DefaultCatalogID": "nope"}, headers=admin)
    assert missing.status_code == 404
    assert (await client.get("/v1/buyers/b", headers=admin)).status_code == 404  # nothing half-made
    async with database.transaction() as connection:
        for catalog in ("shared", "second"):
            await connection.execute(
                insert(catalogs).values(marketplace_id=callers.marketplace_id, id=catalog, name=catalog, active=True)
            )
    made = await client.post("/v1/buyers", json={"ID": "b", "Name": "B", "DefaultCatalogID": "shared"}, headers=admin)
    assert made.json()["DefaultCatalogID"] == "shared"
    await client.patch("/v1/buyers/b", json={"DefaultCatalogID": "second"}, headers=admin)
    assert await assignments(database, callers.marketplace_id, "b") == [("second", True, True), ("shared", True, True)]


async def test_a_clash_with_an_existing_catalog_id(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.headers(Role.BuyerAdmin)
    async with database.transaction() as connection:
        await connection.execute(
            insert(catalogs).values(marketplace_id=callers.marketplace_id, id="dup", name="dup", active=True)
        )
    clash = await client.post("/v1/buyers", json={"ID": "dup", "Name": "Dup"}, headers=admin)
    assert clash.status_code == 409
    assert clash.json()["Errors"][0]["ErrorCode"] == "Buyer.DefaultCatalogAlreadyExists"
    assert (await client.get("/v1/buyers/dup", headers=admin)).status_code == 404
