"""Concurrent submits never oversell: stock is taken by guarded atomic UPDATEs when orders become Open."""

from __future__ import annotations

import asyncio

from tests.resources.orders.conftest import ORDERS, Checkout

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


async def test_a_hundred_buyers_race_for_a_shared_budget(checkout: Checkout) -> None:
    """Each order pays 10.00 from one spending account holding 500.00: exactly 50 orders open, the balance ends
    at 0.00, and the others are refused with Payment.ExceedsBalance, whole."""
    await checkout.priced_product("p1", 10)
    account = {"ID": "budget", "Name": "budget", "Balance": 500, "AllowAsPaymentMethod": True}
    await checkout.ok("POST", "/v1/buyers/b1/spendingaccounts", account)
    await checkout.ok("POST", "/v1/buyers/b1/spendingaccounts/assignments", {"SpendingAccountID": "budget"})
    shoppers = []
    for n in range(BUYERS):
        headers = await checkout.user("b1", f"u{n}")
        await checkout.order(headers, ID=f"o{n}")
        assert (await checkout.line(headers, f"o{n}", "p1", 1)).status_code == 201
        payment = {"Type": "SpendingAccount", "SpendingAccountID": "budget", "Amount": None, "Accepted": True}
        paid = await checkout.client.post(f"{ORDERS}/o{n}/payments", json=payment, headers=headers)
        assert paid.status_code == 201, paid.text
        shoppers.append(headers)

    responses = await asyncio.gather(*(checkout.act(h, f"o{n}", "submit") for n, h in enumerate(shoppers)))

    opened = [r for r in responses if r.status_code == 201]
    refused = [r for r in responses if r.status_code != 201]
    assert len(opened) == 500 // 10
    assert {r.json()["Errors"][0]["ErrorCode"] for r in refused} == {"Payment.ExceedsBalance"}
    budget = await checkout.ok("GET", "/v1/buyers/b1/spendingaccounts/budget")
    assert budget.json()["Balance"] == 0
    still_unsubmitted = await checkout.ok("GET", "/v1/orders/Incoming", Status="Unsubmitted", pageSize=100)
    assert still_unsubmitted.json()["Meta"]["TotalCount"] == BUYERS - 50
