"""The order bench scenario: one iteration places an order that needs an approval and gets it.

A buyer user creates an order (its ID is the iteration's key), adds three line items, submits it (the buyer's
approval rule ``order.Total > 0`` fires: AwaitingApproval), then a user of the approving group approves it (Open):
six requests, measured as one iteration.

Seeded once per run through the admin API, in process (so every rule of the writes holds): buyer ``ob`` with its
default catalog, priced products in it (inventory not tracked), SHOPPERS buyer users who place the orders and
APPROVERS users in the approving group, and the rule. Each connection orders as one shopper and approves as one
approver (connection i: shopper i % SHOPPERS, approver i % APPROVERS), so connections do not all queue on one
user's rows."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
from sqlalchemy import select

from bench.load import KEY, Flow, Request
from bench.seed import MARKETPLACE, admin_token
from mercato.app import create_app
from mercato.auth.keys import KeyRing
from mercato.auth.tokens import issue
from mercato.db.engine import Database
from mercato.db.tables import users
from mercato.settings import Settings

BUYER = "ob"
GROUP = "ob-approvers"
RULE = "ob-any-order"
SHOPPERS = 16
APPROVERS = 4
PRODUCTS = 6
LINES = 3
ORDERS = "/v1/orders/Outgoing"
JSON = ("Content-Type", "application/json")


def _product(n: int) -> str:
    return f"ob-p{n}"


async def orders(database: Database, settings: Settings, shared: dict[str, str]) -> list[Flow]:
    if "token" not in shared:  # the bench marketplace, its API client and admin (shared with scenarios.py)
        shared["token"] = await admin_token(database, settings)
    await _seed(database, settings, shared["token"])
    tokens = await _buyer_tokens(database, settings)
    flows = []
    for i in range(max(SHOPPERS, APPROVERS)):
        shopper = (("Authorization", f"Bearer {tokens[f'ob-shopper-{i % SHOPPERS:02d}']}"), JSON)
        approver = (("Authorization", f"Bearer {tokens[f'ob-approver-{i % APPROVERS}']}"), JSON)
        order = f"{ORDERS}/{KEY}"
        lines = tuple(
            Request(
                "POST",
                f"{order}/lineitems",
                shopper,
                _json({"ProductID": _product((i + n) % PRODUCTS), "Quantity": n + 1}),
            )
            for n in range(LINES)
        )
        steps = (
            Request("POST", ORDERS, shopper, _json({"ID": KEY, "Comments": "bench"})),
            *lines,
            Request("POST", f"{order}/submit", shopper),
            Request("POST", f"{order}/approve", approver, _json({"Comments": "ok"})),
        )
        flows.append(Flow(steps))
    return flows


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


async def _seed(database: Database, settings: Settings, token: str) -> None:
    quiet = Settings(database_url=settings.database_url, log_level="WARNING", public_url=settings.issuer)
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    app: Any = create_app(quiet, database=database)  # httpx types ASGI apps more loosely than Litestar does
    root.setLevel(level)  # Litestar points the root logger at INFO as it builds the app: not in the bench's process
    root.handlers[:] = handlers
    headers = {"Authorization": f"Bearer {token}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench.local", headers=headers) as http:

        async def post(path: str, body: dict[str, Any]) -> None:
            response = await http.post(path, json=body)
            if response.status_code not in (200, 201, 204):
                raise RuntimeError(f"seeding orders: POST {path} answered {response.status_code}: {response.text}")

        await post("/v1/buyers", {"ID": BUYER, "Name": "Order bench buyer", "Active": True})  # catalog "ob"
        for n in range(PRODUCTS):
            schedule = f"ob-ps{n}"
            breaks = [{"Quantity": 1, "Price": 10 + n}, {"Quantity": 10, "Price": 9 + n}]
            await post("/v1/priceschedules", {"ID": schedule, "Name": schedule, "PriceBreaks": breaks})
            product = {"ID": _product(n), "Name": f"Bench part {n}", "Active": True, "DefaultPriceScheduleID": schedule}
            await post("/v1/products", product)
            await post("/v1/catalogs/productassignments", {"CatalogID": BUYER, "ProductID": _product(n)})
        await post(f"/v1/buyers/{BUYER}/usergroups", {"ID": GROUP, "Name": "Approvers"})
        names = [f"ob-shopper-{n:02d}" for n in range(SHOPPERS)] + [f"ob-approver-{n}" for n in range(APPROVERS)]
        for name in names:
            user = {"ID": name, "Username": name, "Email": f"{name}@example.com", "Active": True}
            await post(f"/v1/buyers/{BUYER}/users", user | {"FirstName": "Bench", "LastName": name})
            if "approver" in name:
                await post(f"/v1/buyers/{BUYER}/usergroups/assignments", {"UserGroupID": GROUP, "UserID": name})
        rule = {"ID": RULE, "ApprovingGroupID": GROUP, "RuleExpression": "order.Total > 0"}
        await post(f"/v1/buyers/{BUYER}/approvalrules", rule)


async def _buyer_tokens(database: Database, settings: Settings) -> dict[str, str]:
    """Tokens of the buyer's users (Shopper), by user ID, minted directly as the other scenarios do."""
    async with database.transaction(write=False) as connection:
        rows = await connection.execute(
            select(users.c.id, users.c.uid).where(users.c.marketplace_id == MARKETPLACE, users.c.company_id == BUYER)
        )
        found = [(str(user_id), str(uid)) for user_id, uid in rows]
    keys = KeyRing(database)
    return {
        user_id: await issue(
            keys,
            issuer=settings.issuer,
            username=user_id,
            client_id="bench-client",
            user_uid=uid,
            user_type="buyer",
            roles=["Shopper"],
            generation=0,
            lifetime_seconds=36000,
        )
        for user_id, uid in found
    }
