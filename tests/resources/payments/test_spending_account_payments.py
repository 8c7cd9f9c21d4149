"""Paying with spending accounts: which accounts the order's user may use, balances checked (not changed) when a
payment is made, charged when the order opens, refunded when an Open order is canceled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from mercato.errors import BadRequest
from mercato.orders.payments import charge_spending_accounts, refund_spending_accounts, unaccepted_payments
from mercato.orders.visibility import lock_order
from tests.resources.credit_cards.parties import group
from tests.resources.payments.conftest import Shop, at, error


def sa(account_id: str, amount: float | None = None, **fields: Any) -> dict[str, Any]:
    return {"Type": "SpendingAccount", "SpendingAccountID": account_id, "Amount": amount, **fields}


async def world(shop: Shop) -> dict[str, dict[str, str]]:
    """b1: u1 (in g1) and u2; b2: u3. Accounts of b1 (balance 100 unless said) and who may use them:

    s-buyer: b1 · s-group: g1, AllowExceed · s-user: u1 · s-none: nobody · s-nopay: b1, not a payment method ·
    s-expired (ended yesterday), s-future (starts tomorrow): b1. Account s-b2 of b2: b2."""
    people = {name: await shop.user(buyer, name) for buyer, name in (("b1", "u1"), ("b1", "u2"), ("b2", "u3"))}
    await group(shop.client, shop.callers, "b1", "g1", "u1")
    await shop.account("b1", "s-buyer", 100)
    await shop.account("b1", "s-group", 100)
    await shop.account("b1", "s-user", 100)
    await shop.account("b1", "s-none", 100)
    await shop.account("b1", "s-nopay", 100, AllowAsPaymentMethod=False)
    await shop.account("b1", "s-expired", 100, StartDate=at(-30), EndDate=at(-1))
    await shop.account("b1", "s-future", 100, StartDate=at(1))
    await shop.account("b2", "s-b2", 100)
    for account_id in ("s-buyer", "s-nopay", "s-expired", "s-future"):
        await shop.assign("b1", account_id)
    await shop.assign("b1", "s-group", UserGroupID="g1", AllowExceed=True)
    await shop.assign("b1", "s-user", UserID="u1")
    await shop.assign("b2", "s-b2")
    for user in ("u1", "u2", "u3"):
        await shop.order(f"o-{user}", user, "500.00")
    return people


@pytest.mark.parametrize(
    ("user", "account_id", "code"),
    [
        ("u1", "s-none", "Payment.InvalidSpendingAccountID"),
        ("u1", "s-b2", "Payment.InvalidSpendingAccountID"),
        ("u1", "ghost", "Payment.InvalidSpendingAccountID"),
        ("u2", "s-user", "Payment.InvalidSpendingAccountID"),
        ("u2", "s-group", "Payment.InvalidSpendingAccountID"),
        ("u1", "s-nopay", "Payment.CannotSetSpendingAccount"),
        ("u1", "s-expired", "Payment.CannotUseExpiredSpendingAccount"),
        ("u1", "s-future", "Payment.CannotUseExpiredSpendingAccount"),
        ("u1", "s-buyer", "Payment.ExceedsBalance"),
        ("u1", "s-user", "Payment.ExceedsBalance"),
    ],
)
async def test_unusable_accounts(shop: Shop, user: str, account_id: str, code: str) -> None:
    people = await world(shop)
    for headers, direction in ((people[user], "Outgoing"), (shop.admin, "Incoming")):  # the order's user counts
        response = await shop.pay(f"o-{user}", sa(account_id, 100.01), headers, direction)
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == code
        assert error(response)["Data"]["SpendingAccountID"] == account_id


async def test_usable_accounts_and_balances(shop: Shop) -> None:
    people = await world(shop)
    u1 = people["u1"]
    made = await shop.paid("o-u1", sa("s-buyer", 100, ID="a"), u1)
    assert made["SpendingAccountID"] == "s-buyer"
    assert await shop.balance("b1", "s-buyer") == Decimal("100.00")  # checked, not taken
    # AllowExceed (through u1's group) lets a payment go past the balance.
    assert (await shop.pay("o-u1", sa("s-group", 250, ID="b"), u1)).status_code == 201
    assert (await shop.pay("o-u1", sa("s-user", 100, ID="c"), u1)).status_code == 201
    admin_made = await shop.pay("o-u1", sa("s-user", 40, ID="d"), shop.admin, "Incoming")
    assert admin_made.status_code == 201, admin_made.text
    # Raising an amount is checked again (each payment against the balance); lowering it is not.
    over = await shop.client.patch(shop.url("o-u1", "c"), json={"Amount": 100.01}, headers=u1)
    assert error(over)["ErrorCode"] == "Payment.ExceedsBalance"
    assert (await shop.client.patch(shop.url("o-u1", "c"), json={"Amount": 40}, headers=u1)).status_code == 200
    assert (await shop.client.patch(shop.url("o-u1", "b"), json={"Amount": 300}, headers=u1)).status_code == 200


async def test_a_remainder_payment_is_checked_for_what_it_pays(shop: Shop) -> None:
    people = await world(shop)
    u1 = people["u1"]
    await shop.paid("o-u1", {"ID": "po", "Type": "PurchaseOrder", "Amount": 400.5}, u1)
    rest = await shop.pay("o-u1", sa("s-buyer", ID="rest"), u1)  # pays 99.50 of the 500.00
    assert rest.status_code == 201, rest.text
    assert rest.json()["Amount"] is None
    assert (await shop.client.delete(shop.url("o-u1", "rest"), headers=u1)).status_code == 204
    assert (await shop.client.patch(shop.url("o-u1", "po"), json={"Amount": 399.99}, headers=u1)).status_code == 200
    short = await shop.pay("o-u1", sa("s-buyer"), u1)  # would pay 100.01
    assert error(short)["ErrorCode"] == "Payment.ExceedsBalance"
    assert error(short)["Data"] == {"SpendingAccountID": "s-buyer", "Amount": 100.01, "Balance": 100}


async def test_an_account_a_payment_uses_cannot_be_deleted(shop: Shop) -> None:
    people = await world(shop)
    await shop.paid("o-u1", sa("s-buyer", 10, ID="p"), people["u1"])
    accounts = "/v1/buyers/b1/spendingaccounts"
    used = await shop.client.delete(f"{accounts}/s-buyer", headers=shop.admin)
    assert used.status_code == 409, used.text
    assert error(used)["ErrorCode"] == "Payment.CannotDeleteSpendingAccount"
    # Whatever the order's status: an account that paid a canceled order still "has been used as a payment".
    await shop.set_order("o-u1", status="Canceled")
    assert (await shop.client.delete(f"{accounts}/s-buyer", headers=shop.admin)).status_code == 409
    assert (await shop.client.delete(f"{accounts}/s-none", headers=shop.admin)).status_code == 204
    assert (await shop.client.delete(f"{accounts}/ghost", headers=shop.admin)).status_code == 404
    # Another buyer's account of the same ID is not "used" by b1's payments.
    await shop.account("b2", "s-buyer", 5)
    assert (await shop.client.delete("/v1/buyers/b2/spendingaccounts/s-buyer", headers=shop.admin)).status_code == 204


async def charge(shop: Shop, order_id: str, *, refund: bool = False, now: datetime | None = None) -> None:
    async with shop.database.transaction() as connection:
        order = await lock_order(connection, shop.marketplace_id, order_id)
        run = refund_spending_accounts if refund else charge_spending_accounts
        await run(connection, order, now or datetime.now(UTC))


async def test_charge_and_refund(shop: Shop) -> None:
    people = await world(shop)
    u1 = people["u1"]
    await shop.set_order("o-u1", total=Decimal("180.25"))
    await shop.paid("o-u1", sa("s-buyer", 30.25, ID="p1"), u1)
    await shop.paid("o-u1", {"ID": "p2", "Type": "PurchaseOrder", "Amount": 20}, u1)
    await shop.paid("o-u1", sa("s-buyer", 10, ID="p3"), u1)
    await shop.assign("b1", "s-user", UserID="u1", AllowExceed=True)  # saving again sets AllowExceed
    await shop.paid("o-u1", sa("s-user", None, ID="p4"), u1)  # the remainder: 180.25 - 60.25 = 120.00 > 100
    await charge(shop, "o-u1")
    assert await shop.balance("b1", "s-buyer") == Decimal("59.75")
    assert await shop.balance("b1", "s-user") == Decimal("-20.00")
    await charge(shop, "o-u1", refund=True)
    assert await shop.balance("b1", "s-buyer") == Decimal("100.00")
    assert await shop.balance("b1", "s-user") == Decimal("100.00")


async def test_a_charge_checks_the_accounts_again(shop: Shop) -> None:
    people = await world(shop)
    u1 = people["u1"]
    await shop.paid("o-u1", sa("s-buyer", 60, ID="p1"), u1)
    await shop.paid("o-u1", sa("s-user", 60, ID="p2"), u1)
    accounts = "/v1/buyers/b1/spendingaccounts"
    # Another order spent from s-user in the meantime: the second account would go below zero.
    assert (await shop.client.patch(f"{accounts}/s-user", json={"Balance": 59.99}, headers=shop.admin)).is_success
    with pytest.raises(BadRequest) as raised:
        await charge(shop, "o-u1")
    assert raised.value.code == "Payment.ExceedsBalance"
    assert await shop.balance("b1", "s-buyer") == Decimal("100.00")  # rolled back with the rest
    assert (await shop.client.patch(f"{accounts}/s-user", json={"Balance": 60}, headers=shop.admin)).is_success
    ended = await shop.client.patch(f"{accounts}/s-buyer", json={"EndDate": at(1)}, headers=shop.admin)
    assert ended.status_code == 200
    with pytest.raises(BadRequest) as raised:
        await charge(shop, "o-u1", now=datetime.now(UTC) + timedelta(days=2))
    assert raised.value.code == "Payment.CannotUseExpiredSpendingAccount"
    unpaying = await shop.client.patch(f"{accounts}/s-user", json={"AllowAsPaymentMethod": False}, headers=shop.admin)
    assert unpaying.status_code == 200
    with pytest.raises(BadRequest) as raised:
        await charge(shop, "o-u1")
    assert raised.value.code == "Payment.CannotSetSpendingAccount"
    assert await shop.balance("b1", "s-buyer") == Decimal("100.00")
    assert await shop.balance("b1", "s-user") == Decimal("60.00")


async def test_unaccepted_payments(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "a", "Type": "PurchaseOrder", "Amount": 1, "Accepted": True}, u1)
    await shop.paid("o1", {"ID": "b", "Type": "PurchaseOrder", "Amount": 1, "Accepted": False}, u1)
    await shop.paid("o1", {"ID": "c", "Type": "PurchaseOrder", "Amount": 1}, u1)
    async with shop.database.transaction(write=False) as connection:
        assert await unaccepted_payments(connection, shop.marketplace_id, "o1") == ["b", "c"]
        assert await unaccepted_payments(connection, shop.marketplace_id, "nothing") == []


async def test_payments_follow_a_renamed_account(shop: Shop) -> None:
    people = await world(shop)
    u1 = people["u1"]
    await shop.paid("o-u1", sa("s-buyer", 40, ID="p1"), u1)
    renamed = await shop.client.patch(
        "/v1/buyers/b1/spendingaccounts/s-buyer", json={"ID": "s-main"}, headers=shop.admin
    )
    assert renamed.status_code == 200, renamed.text
    payment = await shop.client.get(shop.url("o-u1", "p1"), headers=u1)
    assert payment.json()["SpendingAccountID"] == "s-main"
    await charge(shop, "o-u1")
    assert await shop.balance("b1", "s-main") == Decimal("60.00")
