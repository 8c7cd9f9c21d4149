"""What `make bench` measures. Each scenario seeds what it needs, then names the requests to repeat (or the flows:
several requests measured as one iteration, see bench.load.Flow), and the baseline route it is read beside: the
bare app's answer of the same shape (a small document, a page of 20 product-like objects, one such object)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert

from bench import catalog, orders, writes
from bench.load import Request
from bench.seed import MARKETPLACE, admin_token
from bench.work import Setup
from mercato.db.engine import Database
from mercato.db.tables import incrementors
from mercato.settings import Settings

DOCUMENT, LIST, OBJECT = "bare: small document", "bare: 20-item list", "bare: one object"
BASELINES: dict[str, list[Request]] = {
    DOCUMENT: [Request("GET", "/ping")],
    LIST: [Request("GET", "/products")],
    OBJECT: [Request("GET", "/products/p000007"), Request("GET", "/products/p000123")],
}
"""Routes of bench.baseline, by the name the tables show."""


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    setup: Setup
    baseline: str | None = None
    """The key in BASELINES of what this scenario is read beside; None for flows (no bare equivalent)."""


async def _health(_db: Database, _settings: Settings, _shared: dict[str, str]) -> list[Request]:
    return [Request("GET", "/health")]


async def _token(database: Database, settings: Settings, shared: dict[str, str]) -> str:
    if "token" not in shared:
        shared["token"] = await admin_token(database, settings)
    return shared["token"]


async def _incrementor_list(database: Database, settings: Settings, shared: dict[str, str]) -> list[Request]:
    token = await _token(database, settings, shared)
    async with database.transaction() as connection:
        await connection.execute(
            insert(incrementors),
            [
                {
                    "marketplace_id": MARKETPLACE,
                    "id": f"inc-{n:04d}",
                    "name": f"Counter {n}",
                    "last_number": n,
                    "left_padding_count": n % 8,
                }
                for n in range(500)
            ],
        )
    auth = (("Authorization", f"Bearer {token}"),)
    return [
        Request("GET", "/v1/incrementors?pageSize=20", auth),
        Request("GET", "/v1/incrementors?sortBy=!Name&LastNumber=%3E100&search=Counter&page=3", auth),
    ]


WRITES = "admin writes: price schedule, product, catalog + buyer assignment"

SCENARIOS: list[Scenario] = [
    Scenario("health (SELECT 1)", _health, DOCUMENT),
    Scenario("GET /v1/incrementors (auth + list of 500)", _incrementor_list, LIST),
    Scenario("GET /v1/me/products (shopper, all it sees; BENCH_PRODUCTS)", catalog.me_products, LIST),
    Scenario("GET /v1/me/products (shopper, 5 product facets)", catalog.me_products_five_facets, LIST),
    Scenario("GET /v1/me/products (shopper, contract catalog of 40)", catalog.me_contract_products, LIST),
    Scenario("GET /v1/me/products/{id} (shopper, group/buyer/default price)", catalog.me_product, OBJECT),
    Scenario("GET /v1/products (admin, facets)", catalog.admin_products, LIST),
    Scenario("GET /v1/products/{id} (admin)", catalog.admin_product, OBJECT),
    Scenario("GET /v1/buyers?pageSize=20 (admin, 200 buyers)", catalog.admin_buyers, LIST),
    Scenario("orders: create, 3 lines, submit, approve", orders.orders),
    Scenario(WRITES, writes.admin_writes),
]
"""Request scenarios first: the workers' memory is read after them (the browse load), before the flows write."""
