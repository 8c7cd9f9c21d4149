"""``mercato seed --bench`` builds the catalog issue 12's scenario asks for: a shopper who sees about half of the
products, most of them through its group's category assignments, and an API that agrees with the seed's rows."""

from __future__ import annotations

import uuid

import httpx

from mercato.auth.keys import KeyRing
from mercato.auth.tokens import issue
from mercato.bootstrap import Bootstrap
from mercato.db.engine import Database
from mercato.seed import BenchShape, seed_bench, shopper_uid
from mercato.settings import Settings

PRODUCTS = 800


async def test_a_bench_shopper_sees_about_half_the_catalog(database: Database, client: httpx.AsyncClient) -> None:
    mid = f"seed-{uuid.uuid4().hex[:8]}"
    admin = Bootstrap(mid, "seed-admin", "Seed-Admin-Pass-1", f"{mid}-client", "seed-client-secret")
    await seed_bench(database, BenchShape(products=PRODUCTS, buyers=10, marketplace_id=mid), admin)
    token = await issue(
        KeyRing(database),
        issuer=Settings().issuer,
        username="shopper-007",
        client_id=admin.client_id,
        user_uid=shopper_uid(7),
        user_type="buyer",
        roles=["Shopper"],
        generation=0,
        lifetime_seconds=600,
    )
    headers = {"Authorization": f"Bearer {token}"}

    def total(response: httpx.Response) -> int:
        assert response.status_code == 200, response.text
        return int(response.json()["Meta"]["TotalCount"])

    everything = total(await client.get("/v1/me/products", params={"pageSize": "1"}, headers=headers))
    assert 0.5 * PRODUCTS <= everything <= 0.6 * PRODUCTS
    # Nine of its twenty catalogs it sees through the group's root categories only.
    wide = total(await client.get("/v1/me/products", params={"catalogID": "cat-08"}, headers=headers))
    assert wide == PRODUCTS // 20
