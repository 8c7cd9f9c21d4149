"""Concurrent submits never oversell: stock is taken by guarded atomic UPDATEs when orders become Open."""

from __future__ import annotations

import asyncio

from tests.resources.orders.conftest import Checkout

BUYERS = 100
STOCK = 50


async def test_a_hundred_buyers_race_for_fifty_units(checkout: Checkout) -> None:
    inventory = {"Enabled": True, "QuantityAvailable": STOCK, "OrderCanExceed": False}
    await checkout.priced_product("scarce", 9.99, Inventory=inventory)
    shoppers = []
    for n in range(BUYERS):
        headers = await checkout.user("b1", f"u{n}")
        await checkout.order(headers, ID=f"o{n}")
        line = await checkout.line(headers, f"o{n}", "scarce", 1)
        assert line.status_code == 201, line.text
        shoppers.append(headers)

    responses = await asyncio.gather(*(checkout.act(h, f"o{n}", "submit") for n, h in enumerate(shoppers)))

    opened = [r for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code != 201]
    assert len(opened) == STOCK
    assert all(r.status_code == 400 and r.json()["Errors"][0]["ErrorCode"] == "Inventory.Insufficient" for r in refused)
    product = await checkout.ok("GET", "/v1/products/scarce")
    assert product.json()["Inventory"]["QuantityAvailable"] == 0
    admin_list = await checkout.ok("GET", "/v1/orders/Incoming", Status="Open", pageSize=100)
    assert admin_list.json()["Meta"]["TotalCount"] == STOCK
    unsubmitted = await checkout.ok("GET", "/v1/orders/Incoming", Status="Unsubmitted", pageSize=100)
    assert unsubmitted.json()["Meta"]["TotalCount"] == BUYERS - STOCK
