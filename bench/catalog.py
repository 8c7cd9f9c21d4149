"""Bench scenarios over a generated catalog (mercato.seed): /me/products as a shopper, /v1/products and
/v1/buyers as an admin."""

from __future__ import annotations

import json
import os

from sqlalchemy import bindparam, select, update

from bench.load import Request
from bench.work import Work
from mercato.auth.keys import KeyRing
from mercato.auth.tokens import issue
from mercato.bootstrap import Bootstrap
from mercato.db.engine import Database
from mercato.db.tables import product_assignments, products, users
from mercato.seed import BenchShape, seed_bench, shopper_uid
from mercato.settings import Settings

MARKETPLACE = "catalog-bench"
CLIENT = "catalog-bench-client"
ADMIN = Bootstrap(MARKETPLACE, "catalog-admin", "Catalog-Admin-Pass-1", CLIENT, "catalog-secret")
SHOPPER = 7
"""Buyer 7's shopper: its own catalog cat-07 whole, a category of another, 40 products of cat-00 assigned."""
Auth = tuple[tuple[str, str], ...]


def shape() -> BenchShape:
    return BenchShape(products=int(os.environ.get("BENCH_PRODUCTS", 10_000)), marketplace_id=MARKETPLACE)


def admin_login() -> dict[str, str]:
    """The form of a password grant for the catalog's admin (what the cold start waits for); the bootstrapped
    API client is confidential, so the grant carries its secret."""
    return {
        "grant_type": "password",
        "client_id": CLIENT,
        "client_secret": ADMIN.client_secret,
        "username": ADMIN.admin_username,
        "password": ADMIN.admin_password,
    }


async def seeded(database: Database, settings: Settings, shared: dict[str, str]) -> None:
    if "catalog" in shared:
        return
    await seed_bench(database, shape(), ADMIN)
    await _add_finish(database)
    shared["catalog"] = "seeded"


FINISHES = ["Matte", "Gloss", "Satin", "Brushed"]


async def _add_finish(database: Database) -> None:
    """A fifth xp path on every product (the seed gives four: Color, Size, Brand, Rank), so that five product
    facets can each read a path the products carry (two facets may not share one)."""
    p = products.c
    async with database.transaction(write=False) as connection:
        rows = (await connection.execute(select(p.id, p.xp).where(p.marketplace_id == MARKETPLACE))).all()
    changed = [
        {"product": product, "finished": (xp or {}) | {"Finish": FINISHES[n % len(FINISHES)]}}
        for n, (product, xp) in enumerate(rows)
    ]
    statement = (
        update(products)
        .where(p.marketplace_id == MARKETPLACE, p.id == bindparam("product"))
        .values(xp=bindparam("finished"))
    )
    async with database.transaction() as connection:
        await connection.execute(statement, changed)


async def shopper_token(database: Database, settings: Settings, buyer: int = SHOPPER) -> str:
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


def bearer(token: str) -> Auth:
    return (("Authorization", f"Bearer {token}"),)


async def _shopper(database: Database, settings: Settings, shared: dict[str, str]) -> Auth:
    await seeded(database, settings, shared)
    return bearer(await shopper_token(database, settings))


async def admin(database: Database, settings: Settings, shared: dict[str, str]) -> Auth:
    """The catalog admin's (FullAccess) authorization header, minted once per run."""
    await seeded(database, settings, shared)
    if "catalog-admin" not in shared:
        shared["catalog-admin"] = await issue(
            KeyRing(database),
            issuer=settings.issuer,
            username=ADMIN.admin_username,
            client_id=CLIENT,
            user_uid=await _admin_uid(database),
            user_type="admin",
            roles=["FullAccess"],
            generation=0,
            lifetime_seconds=36000,
        )
    return bearer(shared["catalog-admin"])


def browsing(auth: Auth) -> list[Request]:
    """Browsing everything the shopper sees: buyer 7 sees about 1/16 of the catalog (its own catalog whole, a
    quarter of another through a category, 40 assigned products), so this set grows with the catalog."""
    return [
        Request("GET", "/v1/me/products?pageSize=20", auth),
        Request("GET", "/v1/me/products?sortBy=Name&page=3&pageSize=20", auth),
        Request("GET", "/v1/me/products?search=valve&xp.Color=Red", auth),
        Request("GET", "/v1/me/products?categoryID=c07-1&catalogID=cat-07&pageSize=20", auth),
    ]


async def me_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    return browsing(await _shopper(database, settings, shared))


FACETS = ["Brand", "Rank", "Finish"]
"""Added to the seed's two (Color, Size) for five, each on the xp path of its name."""


async def me_products_five_facets(database: Database, settings: Settings, shared: dict[str, str]) -> Work:
    """The browsing mix while the marketplace defines five product facets: created through the API just before
    the load and deleted after it, so the other scenarios keep the seed's two."""
    auth, admin_auth = await _shopper(database, settings, shared), await admin(database, settings, shared)
    json_auth = (*admin_auth, ("Content-Type", "application/json"))
    create = [
        Request("POST", "/v1/productfacets", json_auth, json.dumps(_facet(name, order)).encode())
        for order, name in enumerate(FACETS, start=2)
    ]
    delete = [Request("DELETE", f"/v1/productfacets/bench-{name.lower()}", admin_auth) for name in FACETS]
    return Work(browsing(auth), before=create, after=delete)


def _facet(name: str, order: int) -> dict[str, object]:
    return {"ID": f"bench-{name.lower()}", "Name": name, "XpPath": name, "ListOrder": order}


async def me_contract_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    """The shopper's contract catalog (cat-00 for buyer 7: 40 products assigned with contract prices), whose
    size does not change with the catalog's: what a larger catalog costs a list of fixed size."""
    auth = await _shopper(database, settings, shared)
    return [
        Request("GET", "/v1/me/products?catalogID=cat-00&pageSize=20", auth),
        Request("GET", "/v1/me/products?catalogID=cat-00&sortBy=!ID&page=2&pageSize=20", auth),
    ]


async def me_product(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    """One product as the shopper sees it: priced through a ProductAssignment to a group of its buyer (g0, of
    which shopper 7 is a member) with a PriceSchedule, through a buyer-level one, and by its default schedule."""
    auth = await _shopper(database, settings, shared)
    group_priced = await _assigned(database, group="g0")
    buyer_priced = await _assigned(database, group="")
    own = f"p{SHOPPER:06d}"  # in cat-07, active, with a default price schedule
    return [Request("GET", f"/v1/me/products/{product}", auth) for product in (group_priced, buyer_priced, own)]


async def admin_products(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    auth = await admin(database, settings, shared)
    return [
        Request("GET", "/v1/products?pageSize=20&sortBy=Name", auth),
        Request("GET", "/v1/products?xp.Size=M&search=pump", auth),
    ]


async def admin_product(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    auth = await admin(database, settings, shared)
    return [Request("GET", f"/v1/products/p{n:06d}", auth) for n in (7, 123, 1001)]


async def admin_buyers(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    """The seed's 200 buyers (BenchShape.buyers), 20 a page."""
    auth = await admin(database, settings, shared)
    return [
        Request("GET", "/v1/buyers?pageSize=20", auth),
        Request("GET", "/v1/buyers?pageSize=20&page=5", auth),
    ]


async def _assigned(database: Database, group: str) -> str:
    """An active product assigned, with a price schedule, to the shopper's buyer (at group level when ``group``)."""
    pa, p = product_assignments.c, products.c
    query = (
        select(pa.product_id)
        .join(products, (p.marketplace_id == pa.marketplace_id) & (p.id == pa.product_id))
        .where(
            pa.marketplace_id == MARKETPLACE,
            pa.buyer_id == f"buyer-{SHOPPER:03d}",
            pa.user_group_id == group,
            pa.price_schedule_id.is_not(None),
            p.active.is_(True),
        )
        .order_by(pa.product_id)
        .limit(1)
    )
    async with database.transaction(write=False) as connection:
        product = await connection.scalar(query)
    if product is None:
        raise SystemExit(f"the seed assigned no priced product to buyer {SHOPPER} (group {group!r})")
    return str(product)


async def _admin_uid(database: Database) -> str:
    async with database.transaction(write=False) as connection:
        uid = await connection.scalar(
            select(users.c.uid).where(
                users.c.marketplace_id == MARKETPLACE, users.c.username_key == ADMIN.admin_username
            )
        )
    return str(uid)
