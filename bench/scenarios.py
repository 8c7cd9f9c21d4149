"""What `make bench` measures. Each scenario seeds what it needs, then names the requests to repeat (or the flows:
several requests measured as one iteration, see bench.load.Flow)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import insert

from bench import catalog, orders
from bench.load import Flow, Request
from bench.seed import MARKETPLACE, admin_token
from mercato.db.engine import Database
from mercato.db.tables import incrementors
from mercato.settings import Settings

Setup = Callable[[Database, Settings, dict[str, str]], Awaitable[list[Request] | list[Flow]]]


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    setup: Setup


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


SCENARIOS: list[Scenario] = [
    Scenario("health (SELECT 1)", _health),
    Scenario("GET /v1/incrementors (auth + list of 500)", _incrementor_list),
    Scenario("GET /v1/me/products (shopper, all it sees; BENCH_PRODUCTS)", catalog.me_products),
    Scenario("GET /v1/me/products (shopper, contract catalog of 40)", catalog.me_contract_products),
    Scenario("GET /v1/products (admin, facets)", catalog.admin_products),
    Scenario("orders: create, 3 lines, submit, approve", orders.orders),
]
