"""Admin writes through the API: one iteration creates a price schedule, a product priced by it, puts the product
in a buyer's catalog and assigns it to that buyer at the schedule's price (the assignment needs the product in a
catalog of the buyer's). Every ID is the iteration's key, so each request writes new rows. Connections spread
over several buyers, so they do not all queue on one buyer's rows. The catalog's admin writes, into the catalog
bench's marketplace; the runner loads flows after the browsing scenarios, since every write here moves the catalog
version and so retires what /me/products remembered."""

from __future__ import annotations

import json
from typing import Any

from bench.catalog import admin
from bench.load import KEY, Flow, Request, Result
from bench.report import Figure, request_rate
from mercato.db.engine import Database
from mercato.seed import CATALOGS, buyer_id, catalog_id
from mercato.settings import Settings

BUYERS = 8
ID = f"w-{KEY}"


async def admin_writes(database: Database, settings: Settings, shared: dict[str, str]) -> list[Flow]:
    auth = (*await admin(database, settings, shared), ("Content-Type", "application/json"))
    schedule = {"ID": ID, "Name": f"Bench write {KEY}", "PriceBreaks": [{"Quantity": 1, "Price": 9.5}]}
    product = {"ID": ID, "Name": f"Bench write {KEY}", "Active": True, "DefaultPriceScheduleID": ID}
    flows = []
    for n in range(BUYERS):
        steps = (
            Request("POST", "/v1/priceschedules", auth, _json(schedule)),
            Request("POST", "/v1/products", auth, _json(product | {"xp": {"Color": "Red", "Rank": n}})),
            Request(
                "POST",
                "/v1/catalogs/productassignments",
                auth,
                _json({"CatalogID": catalog_id(n % CATALOGS), "ProductID": ID}),
            ),
            Request(
                "POST",
                "/v1/products/assignments",
                auth,
                _json({"ProductID": ID, "BuyerID": buyer_id(n), "PriceScheduleID": ID}),
            ),
        )
        flows.append(Flow(steps))
    return flows


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


STEPS = ("price schedule", "product", "catalog assignment", "product assignment")


def writes_figure(result: Result) -> Figure:
    """Every request of the flow is one write, so the flow's request rate is the write rate."""
    steps = ", ".join(
        f"{name} {result.percentile(0.50, step):.0f}" for name, step in zip(STEPS, result.steps, strict=True)
    )
    note = f"p50 ms by POST: {steps}; non-2xx {result.errors}"
    return Figure("admin writes/s through the API", f"{request_rate(result):,.0f}", note=note)
