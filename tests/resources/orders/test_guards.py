"""Who may do what to an order, and the money limits: the cases a review found open."""

from __future__ import annotations

import asyncio

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import ORDERS, Checkout


async def _open_order(checkout: Checkout, headers: dict[str, str], order_id: str) -> None:
    await checkout.order(headers, ID=order_id)
    await checkout.line(headers, order_id, "p1", 1, ID="l1")
    assert (await checkout.act(headers, order_id, "submit")).json()["Status"] == "Open"


async def test_a_seller_user_needs_order_admin_to_change_orders(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1, Inventory={"Enabled": True, "QuantityAvailable": 5})
    alice = await checkout.user("b1", "alice")
    await _open_order(checkout, alice, "o1")
    await checkout.order(alice, ID="o2")
    await checkout.line(alice, "o2", "p1", 1, ID="l1")
    shopper_admin = await checkout.callers.headers(Role.Shopper)
    assert (
        await checkout.client.patch("/v1/orders/Incoming/o2", json={"Comments": "x"}, headers=shopper_admin)
    ).status_code == 404
    assert (
        await checkout.client.delete("/v1/orders/Incoming/o2/lineitems/l1", headers=shopper_admin)
    ).status_code == 404
    assert (await checkout.client.post("/v1/orders/Incoming/o1/cancel", headers=shopper_admin)).status_code == 404
    assert (await checkout.ok("GET", "/v1/products/p1")).json()["Inventory"]["QuantityAvailable"] == 4


async def test_only_the_seller_completes_an_order(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    boss = await checkout.user("b1", "boss", Role.Shopper, Role.OrderAdmin)
    await _open_order(checkout, boss, "o1")
    refused = await checkout.act(boss, "o1", "complete")
    assert refused.status_code == 403
    assert (await checkout.get_order(boss, "o1"))["Status"] == "Open"


async def test_from_user_details_change_on_the_user_only_for_the_user_itself(checkout: Checkout) -> None:
    alice = await checkout.user("b1", "alice")
    boss = await checkout.user("b1", "boss", Role.Shopper, Role.OrderAdmin)
    await checkout.order(alice, ID="o1")
    changed = await checkout.client.patch(f"{ORDERS}/o1/fromuser", json={"Email": "evil@x.io"}, headers=boss)
    assert changed.json()["FromUser"]["Email"] == "evil@x.io"  # the order's copy
    user = await checkout.ok("GET", "/v1/buyers/b1/users/alice")
    assert user.json()["Email"] != "evil@x.io"


async def test_amounts_beyond_a_trillion_are_refused(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 10_000_000)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    huge = await checkout.line(alice, "o1", "p1", 2_147_483_647)
    assert huge.status_code == 400
    assert (await checkout.line(alice, "o1", "p1", 99_999, ID="a")).status_code == 201
    assert (await checkout.line(alice, "o1", "p1", 99_999, ID="b")).status_code == 400  # the order's total
    assert (await checkout.get_order(alice, "o1"))["LineItemCount"] == 1


async def test_payments_above_the_total_stop_the_submission(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    account = {"ID": "sa", "Name": "sa", "Balance": 500, "AllowAsPaymentMethod": True}
    await checkout.ok("POST", "/v1/buyers/b1/spendingaccounts", account)
    await checkout.ok("POST", "/v1/buyers/b1/spendingaccounts/assignments", {"SpendingAccountID": "sa"})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 3, ID="l1")
    payment = {"Type": "SpendingAccount", "SpendingAccountID": "sa", "Amount": 300, "Accepted": True}
    assert (await checkout.client.post(f"{ORDERS}/o1/payments", json=payment, headers=alice)).status_code == 201
    await checkout.client.patch(f"{ORDERS}/o1/lineitems/l1", json={"Quantity": 1}, headers=alice)
    refused = await checkout.act(alice, "o1", "submit")
    assert error(refused)["ErrorCode"] == "Payment.AlreadyPaid"
    assert (await checkout.ok("GET", "/v1/buyers/b1/spendingaccounts/sa")).json()["Balance"] == 500


async def test_a_declined_order_leaves_no_pending_approvals(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    manager = await checkout.user("b1", "mgr")
    finance = await checkout.user("b1", "fin")
    await checkout.group("b1", "managers", "mgr")
    await checkout.group("b1", "finance", "fin")
    for rule, group in (("r-mgr", "managers"), ("r-fin", "finance")):
        body = {"ID": rule, "ApprovingGroupID": group, "RuleExpression": "order.Total > 50"}
        await checkout.ok("POST", "/v1/buyers/b1/approvalrules", body)
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1)
    await checkout.act(alice, "o1", "submit")
    await checkout.act(manager, "o1", "decline", {"AllowResubmit": True})
    approvable = await checkout.client.get("/v1/me/orders/approvable", headers=finance)
    assert approvable.json()["Items"] == []
    assert (await checkout.client.get(f"{ORDERS}/o1", headers=finance)).status_code == 404
    history = await checkout.client.get(f"{ORDERS}/o1/approvals", headers=alice)
    assert [(a["ApprovalRuleID"], a["Status"]) for a in history.json()["Items"]] == [("r-mgr", "Declined")]


async def test_a_price_override_survives_a_buyers_edit(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1, ID="l1")
    pricer = await checkout.callers.headers(Role.OrderAdmin, Role.OverrideUnitPrice)
    overridden = await checkout.client.patch(
        "/v1/orders/Incoming/o1/lineitems/l1", json={"UnitPrice": 80}, headers=pricer
    )
    assert overridden.json()["PriceOverridden"] is True
    edited = await checkout.client.patch(
        f"{ORDERS}/o1/lineitems/l1", json={"xp": {"note": 1}, "Quantity": 2}, headers=alice
    )
    assert (edited.json()["UnitPrice"], edited.json()["LineTotal"], edited.json()["PriceOverridden"]) == (80, 160, True)
    lifted = await checkout.client.patch(
        "/v1/orders/Incoming/o1/lineitems/l1", json={"UnitPrice": None}, headers=pricer
    )
    assert (lifted.json()["UnitPrice"], lifted.json()["PriceOverridden"]) == (100, False)


async def test_shipped_units_keep_the_order(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 3, ID="l1")
    await checkout.ok("POST", "/v1/shipments", {"ID": "s1", "BuyerID": "b1"})
    await checkout.ok("POST", "/v1/shipments/s1/items", {"OrderID": "o1", "LineItemID": "l1", "QuantityShipped": 2})
    deleted = await checkout.client.delete(f"{ORDERS}/o1", headers=alice)
    assert error(deleted)["ErrorCode"] == "Order.CannotDeleteWithShipments"
    assert error(await checkout.act(alice, "o1", "cancel"))["ErrorCode"] == "Order.CannotCancelInCurrentStatus"
    assert (await checkout.client.delete("/v1/cart", headers=alice)).status_code == 400
    gone = await checkout.client.delete("/v1/buyers/b1/users/alice", headers=checkout.admin)
    assert error(gone)["ErrorCode"] == "User.CannotDeleteWithOpenOrder"
    items = await checkout.ok("GET", "/v1/shipments/s1/items")
    assert [i["QuantityShipped"] for i in items.json()["Items"]] == [2]


async def test_approval_opens_the_order_only_with_accepted_payments(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    manager = await checkout.user("b1", "mgr")
    await checkout.group("b1", "managers", "mgr")
    rule = {"ID": "r", "ApprovingGroupID": "managers", "RuleExpression": "order.Total > 50"}
    await checkout.ok("POST", "/v1/buyers/b1/approvalrules", rule)
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1)
    paid = {"ID": "po", "Type": "PurchaseOrder", "Accepted": True}
    assert (await checkout.client.post(f"{ORDERS}/o1/payments", json=paid, headers=alice)).status_code == 201
    assert (await checkout.act(alice, "o1", "submit")).json()["Status"] == "AwaitingApproval"
    admin = await checkout.callers.headers(Role.OrderAdmin)
    await checkout.client.patch("/v1/orders/Incoming/o1/payments/po", json={"Accepted": False}, headers=admin)
    refused = await checkout.act(manager, "o1", "approve", {})
    assert error(refused)["ErrorCode"] == "Order.CannotSubmitWithUnaccceptedPayments"
    assert (await checkout.get_order(alice, "o1"))["Status"] == "AwaitingApproval"


async def test_concurrent_first_adds_make_one_cart(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    body = {"ProductID": "p1", "Quantity": 1}
    added = await asyncio.gather(
        *(checkout.client.post("/v1/cart/lineitems", json=body, headers=alice) for _ in range(6))
    )
    assert [r.status_code for r in added] == [201] * 6
    carts = await checkout.client.get("/v1/me/orders", params={"Status": "Unsubmitted"}, headers=alice)
    assert carts.json()["Meta"]["TotalCount"] == 1
    assert (await checkout.client.get("/v1/cart", headers=alice)).json()["LineItemCount"] == 6
