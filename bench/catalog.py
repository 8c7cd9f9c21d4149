"""Bench scenarios over a generated catalog (mercato.seed): /me/products as a shopper, /v1/products as an admin."""

from __future__ import annotations

import os

from sqlalchemy import select

from bench.load import Request
from mercato.auth.keys import KeyRing
from mercato.auth.tokens import issue
from mercato.bootstrap import Bootstrap
from mercato.db.engine import Database
from mercato.db.tables import users
from mercato.seed import BenchShape, seed_bench, shopper_uid
from mercato.settings import Settings

MARKETPLACE = "catalog-bench"
CLIENT = "catalog-bench-client"


def shape() -> BenchShape:
    return BenchShape(products=int(os.environ.get("BENCH_PRODUCTS", 10_000)), marketplace_id=MARKETPLACE)


async def seeded(database: Database, settings: Settings, shared: dict[str, str]) -> None:
    if "catalog" in shared:
        return
    admin = Bootstrap(MARKETPLACE, "catalog-admin", "Catalog-Admin-Pass-1", CLIENT, "catalog-secret")
    await seed_bench(database, shape(), admin)
    shared["catalog"] = "seeded"


async def shopper_token(database: Database, settings: Settings, buyer: int = 7) -> str:
    return await issue(
        KeyRing(database),
        issuer=settings.issuer,
        username=f"shopper-{buyer:03d}",
        client_id=CLIENT,
        user_uid=shopper_uid(buyer),
        user_type="buyer",
        roles=["Shopper", "MeAdmin"],
        generation=0,
        lifetime_seconds=36000,
    )


async def _shopper(database: Database, settings: Settings, shared: dict[str, str]) -> tuple[tuple[str, str], ...]:
    await seeded(database, settings, shared)
    return (("Authorization", f"Bearer {await shopper_token(database, settings)}"),)


async def me_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    """Browsing everything the shopper sees: buyer 7 sees about 1/16 of the catalog (its own catalog whole, a
    quarter of another through a category, 40 assigned products), so this set grows with the catalog."""
    auth = await _shopper(database, settings, shared)
    return [
        Request("GET", "/v1/me/products?pageSize=20", auth),
        Request("GET", "/v1/me/products?sortBy=Name&page=3&pageSize=20", auth),
        Request("GET", "/v1/me/products?search=valve&xp.Color=Red", auth),
        Request("GET", "/v1/me/products?categoryID=c07-1&catalogID=cat-07&pageSize=20", auth),
    ]


async def me_contract_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    """The shopper's contract catalog (cat-00 for buyer 7: 40 products assigned with contract prices), whose
    size does not change with the catalog's: what a larger catalog costs a list of fixed size."""
    auth = await _shopper(database, settings, shared)
    return [
        Request("GET", "/v1/me/products?catalogID=cat-00&pageSize=20", auth),
        Request("GET", "/v1/me/products?catalogID=cat-00&sortBy=!ID&page=2&pageSize=20", auth),
    ]


async def admin_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    await seeded(database, settings, shared)
    token = await issue(
        KeyRing(database),
        issuer=settings.issuer,
        username="catalog-admin",
        client_id=CLIENT,
        user_uid=await _admin_uid(database),
        user_type="admin",
        roles=["FullAccess"],
        generation=0,
        lifetime_seconds=36000,
    )
    auth = (("Authorization", f"Bearer {token}"),)
    return [
        Request("GET", "/v1/products?pageSize=20&sortBy=Name", auth),
        Request("GET", "/v1/products?xp.Size=M&search=pump", auth),
    ]


async def _admin_uid(database: Database) -> str:
    async with database.transaction(write=False) as connection:
        uid = await connection.scalar(
            select(users.c.uid).where(users.c.marketplace_id == MARKETPLACE, users.c.username_key == "catalog-admin")
        )
    return str(uid)
