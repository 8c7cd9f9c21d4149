"""Accepted, and who may change payments in which order status (decision 0021's table)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from tests.resources.payments.conftest import Shop, error

PO = {"Type": "PurchaseOrder"}


async def card(shop: Shop, card_id: str = "card") -> None:
    made = await shop.client.post("/v1/buyers/b1/creditcards", json={"ID": card_id}, headers=shop.admin)
    assert made.status_code == 201, made.text
    assigned = await shop.client.post(
        "/v1/buyers/b1/creditcards/assignments", json={"CreditCardID": card_id}, headers=shop.admin
    )
    assert assigned.status_code == 204


def refused(response: httpx.Response, code: str) -> bool:
    assert response.status_code == 400, response.text
    return bool(error(response)["ErrorCode"] == code)


async def test_a_shopper_accepts_non_card_payments_of_unsubmitted_orders(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.account("b1", "s", 500)
    await shop.assign("b1", "s")
    await shop.paid("o1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 10, "Accepted": True}, u1)
    await shop.paid("o1", {"ID": "sa", "Type": "SpendingAccount", "SpendingAccountID": "s", "Amount": 10}, u1)
    for payment_id in ("po", "sa"):
        for accepted in (True, False, True):
            response = await shop.client.patch(shop.url("o1", payment_id), json={"Accepted": accepted}, headers=u1)
            assert response.status_code == 200, response.text
            assert response.json()["Accepted"] is accepted


async def test_only_a_payment_admin_accepts_a_credit_card(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await card(shop)
    body = {"ID": "cc", "Type": "CreditCard", "CreditCardID": "card", "Amount": 10}
    assert refused(await shop.pay("o1", body | {"Accepted": True}, u1), "Payment.CannotPatchAccepted")
    await shop.paid("o1", body | {"Accepted": False}, u1)
    assert refused(
        await shop.client.patch(shop.url("o1", "cc"), json={"Accepted": True}, headers=u1),
        "Payment.CannotPatchAccepted",
    )
    # Not yet accepted: the shopper may still change the rest (and send Accepted unchanged).
    changed = await shop.client.patch(shop.url("o1", "cc"), json={"Amount": 12, "Accepted": False}, headers=u1)
    assert changed.status_code == 200, changed.text

    admin_url = shop.url("o1", "cc", direction="Incoming")
    accepted = await shop.client.patch(admin_url, json={"Accepted": True}, headers=shop.admin)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["Accepted"] is True
    for changes in ({"Description": "mine"}, {"Accepted": False}, {"Amount": 5}):
        response = await shop.client.patch(shop.url("o1", "cc"), json=changes, headers=u1)
        assert refused(response, "Payment.NotAuthorizedToPatch"), changes
    # The buyer's own order admin (OrderAdmin of b1) is a payment admin too; so is a buyer user with FullAccess.
    for roles in ((Role.OrderAdmin,), (Role.FullAccess,)):
        buyer_admin = await shop.user("b1", f"boss-{roles[0]}", *roles)
        again = await shop.client.patch(shop.url("o1", "cc"), json={"Accepted": False}, headers=buyer_admin)
        assert again.status_code == 200, again.text
        assert (await shop.client.patch(admin_url, json={"Accepted": True}, headers=shop.admin)).is_success
    # An accepted card payment can still be deleted by the shopper before submission (to pay otherwise).
    assert (await shop.client.delete(shop.url("o1", "cc"), headers=u1)).status_code == 204


@pytest.mark.parametrize("status", ["AwaitingApproval", "Declined", "Open", "Completed"])
async def test_a_shopper_changes_nothing_after_submission(shop: Shop, status: str) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 10}, u1)
    await shop.set_order("o1", status=status)
    assert refused(
        await shop.client.patch(shop.url("o1", "po"), json={"Accepted": True}, headers=u1),
        "Payment.NotAuthorizedToPatch",
    )
    assert refused(await shop.pay("o1", PO, u1), "Order.CannotModifyInCurrentStatus")
    assert refused(await shop.client.delete(shop.url("o1", "po"), headers=u1), "Order.CannotModifyInCurrentStatus")
    assert (await shop.client.get(shop.url("o1", "po"), headers=u1)).json()["Accepted"] is None


@pytest.mark.parametrize("status", ["AwaitingApproval", "Declined"])
async def test_an_admin_changes_everything_before_the_order_opens(shop: Shop, status: str) -> None:
    await shop.user("b1", "u1")
    await shop.order("o1", "u1", status=status)
    admin = shop.admin
    made = await shop.pay("o1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 10}, admin, "Incoming")
    assert made.status_code == 201, made.text
    url = shop.url("o1", "po", direction="Incoming")
    patched = await shop.client.patch(url, json={"Amount": 20, "Accepted": True}, headers=admin)
    assert patched.status_code == 200, patched.text
    assert (await shop.client.delete(url, headers=admin)).status_code == 204


@pytest.mark.parametrize("status", ["Open", "Completed"])
async def test_settled_orders_keep_their_amounts(shop: Shop, status: str) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 10}, u1)
    await shop.set_order("o1", status=status, is_submitted=True)
    admin, url = shop.admin, shop.url("o1", "po", direction="Incoming")
    ok = await shop.client.patch(url, json={"Accepted": True, "Description": "paid", "xp": {"ref": 1}}, headers=admin)
    assert ok.status_code == 200, ok.text
    assert ok.json()["Accepted"] is True
    assert (await shop.client.patch(url, json={"Amount": 10}, headers=admin)).status_code == 200  # unchanged
    for response in (
        await shop.client.patch(url, json={"Amount": 11}, headers=admin),
        await shop.client.patch(url, json={"Amount": None}, headers=admin),
        await shop.pay("o1", PO, admin, "Incoming"),
        await shop.client.delete(url, headers=admin),
    ):
        assert refused(response, "Order.CannotModifyInCurrentStatus")


async def test_canceled_orders_take_no_payment_changes(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 10}, u1)
    await shop.set_order("o1", status="Canceled")
    calls: list[tuple[dict[str, str], str]] = [(u1, "Outgoing"), (shop.admin, "Incoming")]
    for headers, direction in calls:
        url = shop.url("o1", "po", direction=direction)
        responses: list[Any] = [
            await shop.pay("o1", PO, headers, direction),
            await shop.client.patch(url, json={"Accepted": True}, headers=headers),
            await shop.client.delete(url, headers=headers),
        ]
        for response in responses:
            assert refused(response, "Payment.CannotEditCancelled")
        assert (await shop.client.get(url, headers=headers)).status_code == 200
