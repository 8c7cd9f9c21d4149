"""Submit, approval rules (parallel, chained, declined with AllowResubmit, resubmitted), cancel and complete,
end to end through HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import ORDERS, Checkout


async def _rule(checkout: Checkout, rule_id: str, group: str, expression: str) -> None:
    body = {"ID": rule_id, "ApprovingGroupID": group, "RuleExpression": expression}
    await checkout.ok("POST", "/v1/buyers/b1/approvalrules", body)


def _status(response: httpx.Response) -> str:
    assert response.status_code == 201, response.text
    status: str = response.json()["Status"]
    return status


async def _approvals(checkout: Checkout, headers: dict[str, str], order_id: str) -> list[dict[str, Any]]:
    response = await checkout.client.get(f"{ORDERS}/{order_id}/approvals", params={"pageSize": 100}, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


async def _approvable(checkout: Checkout, headers: dict[str, str]) -> list[str]:
    response = await checkout.client.get("/v1/me/orders/approvable", headers=headers)
    assert response.status_code == 200, response.text
    return [item["ID"] for item in response.json()["Items"]]


async def test_without_rules_a_submitted_order_is_open_and_takes_its_stock(checkout: Checkout) -> None:
    inventory = {"Enabled": True, "QuantityAvailable": 10, "OrderCanExceed": False}
    await checkout.priced_product("p1", 5, Inventory=inventory)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    assert (await checkout.line(alice, "o1", "p1", 4)).status_code == 201
    assert (await checkout.act(alice, "o1", "validate")).status_code == 204
    submitted = await checkout.act(alice, "o1", "submit")
    assert _status(submitted) == "Open"
    assert submitted.json()["IsSubmitted"] is True
    assert submitted.json()["DateSubmitted"] is not None
    product = await checkout.ok("GET", "/v1/products/p1")
    assert product.json()["Inventory"]["QuantityAvailable"] == 6
    again = await checkout.act(alice, "o1", "submit")
    assert error(again)["ErrorCode"] == "Order.CannotSubmitBadStatus"
    mine = await checkout.client.get("/v1/me/orders", headers=alice)
    assert [item["ID"] for item in mine.json()["Items"]] == ["o1"]


async def test_validate_reports_every_problem_at_once(checkout: Checkout) -> None:
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="empty")
    response = await checkout.act(alice, "empty", "validate")
    assert response.status_code == 400
    assert [e["ErrorCode"] for e in response.json()["Errors"]] == ["Order.CannotSubmitWithNoLineItems"]
    inventory = {"Enabled": True, "QuantityAvailable": 5, "OrderCanExceed": False}
    await checkout.priced_product("p1", 5, Inventory=inventory)
    await checkout.order(alice, ID="o2")
    assert (await checkout.line(alice, "o2", "p1", 5)).status_code == 201
    await checkout.ok("PATCH", "/v1/products/p1", {"Inventory": {"QuantityAvailable": 2}})
    await checkout.act(alice, "o2", "submit")
    response = await checkout.act(alice, "o2", "validate")
    codes = [e["ErrorCode"] for e in response.json()["Errors"]]
    assert codes == ["Inventory.Insufficient"]
    await checkout.ok("PATCH", "/v1/products/p1", {"Active": False})
    response = await checkout.act(alice, "o2", "validate")
    assert {e["ErrorCode"] for e in response.json()["Errors"]} == {
        "Order.CannotSubmitWithInactiveProduct",
        "Inventory.Insufficient",
    }


async def test_three_level_approval_with_decline_and_resubmit(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    manager = await checkout.user("b1", "mgr")
    finance = await checkout.user("b1", "fin")
    director = await checkout.user("b1", "dir")
    await checkout.group("b1", "managers", "mgr")
    await checkout.group("b1", "finance", "fin")
    await checkout.group("b1", "directors", "dir")
    await _rule(checkout, "r-mgr", "managers", "order.Total > 500")
    await _rule(checkout, "r-fin", "finance", "items.any(ProductID = 'p1')")
    await _rule(
        checkout, "r-dir", "directors", "order.approved('r-mgr') and order.approved('r-fin') and order.Total > 1000"
    )
    await _rule(checkout, "r-never", "directors", "order.Total > 1000000")

    await checkout.order(alice, ID="o1")
    assert (await checkout.line(alice, "o1", "p1", 12, ID="l1")).status_code == 201
    assert _status(await checkout.act(alice, "o1", "submit")) == "AwaitingApproval"
    pending = await _approvals(checkout, alice, "o1")
    assert sorted((a["ApprovalRuleID"], a["Status"]) for a in pending) == [("r-fin", "Pending"), ("r-mgr", "Pending")]
    assert await _approvable(checkout, manager) == ["o1"]
    assert await _approvable(checkout, director) == []

    own = await checkout.act(alice, "o1", "approve", {})
    assert error(own)["ErrorCode"] == "Order.NotEligibleToApprove"
    outsider = await checkout.act(director, "o1", "approve", {})
    assert outsider.status_code == 404  # directors have nothing pending on it yet: they cannot see it
    assert _status(await checkout.act(manager, "o1", "approve", {"Comments": "ok"})) == "AwaitingApproval"
    declined = await checkout.act(finance, "o1", "decline", {"Comments": "too many", "AllowResubmit": True})
    assert _status(declined) == "Unsubmitted"
    assert declined.json()["DateDeclined"] is not None

    patched = await checkout.client.patch(f"{ORDERS}/o1/lineitems/l1", json={"Quantity": 11}, headers=alice)
    assert patched.status_code == 200, patched.text
    assert _status(await checkout.act(alice, "o1", "submit")) == "AwaitingApproval"
    assert _status(await checkout.act(manager, "o1", "approve", {})) == "AwaitingApproval"
    assert _status(await checkout.act(finance, "o1", "approve", {})) == "AwaitingApproval"  # now the chained rule
    assert await _approvable(checkout, director) == ["o1"]
    eligible = await checkout.client.get(f"{ORDERS}/o1/eligibleapprovers", headers=alice)
    assert [user["ID"] for user in eligible.json()["Items"]] == ["dir"]
    approved = await checkout.act(director, "o1", "approve", {"Comments": "go"})
    assert _status(approved) == "Open"
    assert approved.json()["DateApproved"] is not None

    history = await _approvals(checkout, alice, "o1")
    assert sorted((a["ApprovalRuleID"], a["Status"]) for a in history) == [
        ("r-dir", "Approved"),
        ("r-fin", "Approved"),
        ("r-fin", "Declined"),
        ("r-mgr", "Approved"),
        ("r-mgr", "Approved"),
    ]
    assert {a["Approver"]["ID"] for a in history if a["ApprovalRuleID"] == "r-dir"} == {"dir"}


async def test_a_submitter_in_the_approving_group_approves_itself(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    await checkout.group("b1", "managers", "alice")
    await _rule(checkout, "r-mgr", "managers", "order.Total > 50")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1)
    assert _status(await checkout.act(alice, "o1", "submit")) == "Open"
    history = await _approvals(checkout, alice, "o1")
    assert [(a["ApprovalRuleID"], a["Status"]) for a in history] == [("r-mgr", "Approved")]


async def test_decline_without_resubmit_and_cancel_rules(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100, Inventory={"Enabled": True, "QuantityAvailable": 3})
    alice = await checkout.user("b1", "alice")
    manager = await checkout.user("b1", "mgr")
    await checkout.group("b1", "managers", "mgr")
    await _rule(checkout, "r-mgr", "managers", "order.Total > 150")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 2)
    await checkout.act(alice, "o1", "submit")
    assert _status(await checkout.act(manager, "o1", "decline", {})) == "Declined"
    assert error(await checkout.act(alice, "o1", "submit"))["ErrorCode"] == "Order.CannotSubmitBadStatus"
    assert _status(await checkout.act(alice, "o1", "cancel")) == "Canceled"
    assert error(await checkout.act(alice, "o1", "cancel"))["ErrorCode"] == "Order.CannotCancelInCurrentStatus"

    await checkout.order(alice, ID="o2")
    await checkout.line(alice, "o2", "p1", 1)
    assert _status(await checkout.act(alice, "o2", "submit")) == "Open"
    assert (await checkout.ok("GET", "/v1/products/p1")).json()["Inventory"]["QuantityAvailable"] == 2
    assert error(await checkout.act(alice, "o2", "cancel"))["ErrorCode"] == "Order.CannotCancelInCurrentStatus"
    admin = await checkout.callers.headers(Role.OrderAdmin)
    canceled = await checkout.client.post("/v1/orders/Incoming/o2/cancel", headers=admin)
    assert _status(canceled) == "Canceled"
    assert (await checkout.ok("GET", "/v1/products/p1")).json()["Inventory"]["QuantityAvailable"] == 3


async def test_an_admin_completes_an_open_order(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1)
    admin = await checkout.callers.headers(Role.OrderAdmin)
    early = await checkout.client.post("/v1/orders/Incoming/o1/complete", headers=admin)
    assert error(early)["ErrorCode"] == "Order.CannotCompleteBadStatus"
    await checkout.act(alice, "o1", "submit")
    done = await checkout.client.post("/v1/orders/Incoming/o1/complete", headers=admin)
    assert _status(done) == "Completed"
    assert done.json()["DateCompleted"] is not None


async def test_a_rule_with_pending_approvals_cannot_be_deleted(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 100)
    alice = await checkout.user("b1", "alice")
    await checkout.user("b1", "mgr")
    await checkout.group("b1", "managers", "mgr")
    await _rule(checkout, "r-mgr", "managers", "order.Total > 50")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 1)
    await checkout.act(alice, "o1", "submit")
    refused = await checkout.client.delete("/v1/buyers/b1/approvalrules/r-mgr", headers=checkout.admin)
    assert error(refused)["ErrorCode"] == "ApprovalRule.CannotDeleteIfPending"
    await checkout.act(alice, "o1", "cancel")
    assert (
        await checkout.client.delete("/v1/buyers/b1/approvalrules/r-mgr", headers=checkout.admin)
    ).status_code == 204


async def test_items_shipped_before_submission(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 2, ID="l1")
    await checkout.ok("POST", "/v1/shipments", {"ID": "s1", "BuyerID": "b1"})
    await checkout.ok("POST", "/v1/shipments/s1/items", {"OrderID": "o1", "LineItemID": "l1", "QuantityShipped": 2})
    fewer = await checkout.client.patch(f"{ORDERS}/o1/lineitems/l1", json={"Quantity": 1}, headers=alice)
    assert error(fewer)["ErrorCode"] == "ShipmentItem.QuantityExceeded"
    gone = await checkout.client.delete(f"{ORDERS}/o1/lineitems/l1", headers=alice)
    assert error(gone)["ErrorCode"] == "ShipmentItem.QuantityExceeded"
    assert _status(await checkout.act(alice, "o1", "submit")) == "Completed"


async def test_stock_tracked_per_variant(checkout: Checkout) -> None:
    inventory = {"Enabled": True, "VariantLevelTracking": True, "OrderCanExceed": False}
    await checkout.priced_product("shirt", 20, Inventory=inventory)
    await checkout.ok("POST", "/v1/specs", {"ID": "size", "Name": "size", "Required": True, "DefinesVariant": True})
    for option in ("s", "l"):
        await checkout.ok("POST", "/v1/specs/size/options", {"ID": option, "Value": option})
    await checkout.ok("POST", "/v1/specs/productassignments", {"SpecID": "size", "ProductID": "shirt"})
    await checkout.ok("POST", "/v1/products/shirt/variants/generate")
    await checkout.ok("PATCH", "/v1/products/shirt/variants/shirt-s", {"Inventory": {"QuantityAvailable": 1}})
    await checkout.ok("PATCH", "/v1/products/shirt/variants/shirt-l", {"Inventory": {"QuantityAvailable": 5}})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    small = [{"SpecID": "size", "OptionID": "s"}]
    large = [{"SpecID": "size", "OptionID": "l"}]
    assert error(await checkout.line(alice, "o1", "shirt", 2, Specs=small))["ErrorCode"] == "Inventory.Insufficient"
    assert (await checkout.line(alice, "o1", "shirt", 1, Specs=small)).status_code == 201
    assert (await checkout.line(alice, "o1", "shirt", 4, Specs=large)).status_code == 201
    assert _status(await checkout.act(alice, "o1", "submit")) == "Open"
    variants = await checkout.ok("GET", "/v1/products/shirt/variants")
    stock = {v["ID"]: v["Inventory"]["QuantityAvailable"] for v in variants.json()["Items"]}
    assert stock == {"shirt-s": 0, "shirt-l": 1}
