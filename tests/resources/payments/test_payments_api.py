from __future__ import annotations

from typing import Any

import pytest

from mercato.auth.roles import Role
from tests.resources.payments.conftest import Shop, error


async def test_purchase_order_payment_crud(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1", "120.50")
    body = {"ID": "po1", "Type": "PurchaseOrder", "Description": "PO 4711", "Amount": 20.5, "xp": {"po": "4711"}}
    made = await shop.pay("o1", body, u1)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/orders/Outgoing/o1/payments/po1"
    payment = made.json()
    created = payment.pop("DateCreated")
    assert created.endswith("Z")
    assert payment == {
        "ID": "po1",
        "Type": "PurchaseOrder",
        "CreditCardID": None,
        "SpendingAccountID": None,
        "Description": "PO 4711",
        "Currency": "USD",  # the order's
        "Amount": 20.5,
        "Accepted": None,
        "OrderReturnID": None,
        "xp": {"po": "4711"},
        "Transactions": [],
    }
    got = await shop.client.get(shop.url("o1", "po1"), headers=u1)
    assert got.status_code == 200
    assert got.json() == payment | {"DateCreated": created}

    patched = await shop.client.patch(
        shop.url("o1", "po1"), json={"Description": "PO 4712", "Accepted": True, "xp": {"n": 1}}, headers=u1
    )
    assert patched.status_code == 200, patched.text
    assert patched.json() | {"DateCreated": None} == payment | {
        "Description": "PO 4712",
        "Accepted": True,
        "xp": {"po": "4711", "n": 1},
        "DateCreated": None,
    }
    # The same Type sent back is no change; the read-only fields are ignored.
    same = await shop.client.patch(
        shop.url("o1", "po1"), json={"Type": "PurchaseOrder", "Currency": "EUR", "DateCreated": None}, headers=u1
    )
    assert same.status_code == 200, same.text
    assert same.json()["Currency"] == "USD"
    assert same.json()["DateCreated"] == created

    renamed = await shop.client.patch(shop.url("o1", "po1"), json={"ID": "po2"}, headers=u1)
    assert renamed.json()["ID"] == "po2"
    assert (await shop.client.get(shop.url("o1", "po1"), headers=u1)).status_code == 404
    assert (await shop.client.delete(shop.url("o1", "po2"), headers=u1)).status_code == 204
    assert (await shop.client.get(shop.url("o1", "po2"), headers=u1)).status_code == 404
    assert (await shop.client.delete(shop.url("o1", "po2"), headers=u1)).status_code == 404


async def test_generated_and_incrementor_ids(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    generated = await shop.paid("o1", {"Type": "PurchaseOrder", "Amount": 1}, u1)
    assert len(generated["ID"]) == 22
    made = await shop.client.post(
        "/v1/incrementors", json={"ID": "pay", "LastNumber": 6, "LeftPaddingCount": 0}, headers=shop.admin
    )
    assert made.status_code == 201, made.text
    numbered = await shop.paid("o1", {"ID": "P-{pay}", "Type": "PurchaseOrder", "Amount": 1}, u1)
    assert numbered["ID"] == "P-7"
    taken = await shop.pay("o1", {"ID": "P-7", "Type": "PurchaseOrder", "Amount": 1}, u1)
    assert taken.status_code == 409
    # IDs are unique within an order: another order may use the same one.
    await shop.order("o2", "u1")
    assert (await shop.pay("o2", {"ID": "P-7", "Type": "PurchaseOrder"}, u1)).status_code == 201


async def test_list(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1", "100")
    await shop.order("o2", "u1", "100")
    for payment_id, amount, description in (("c", 10, "cheque"), ("a", 20, "invoice"), ("b", None, "rest")):
        await shop.paid(
            "o1", {"ID": payment_id, "Type": "PurchaseOrder", "Amount": amount, "Description": description}, u1
        )
    await shop.paid("o2", {"ID": "other", "Type": "PurchaseOrder"}, u1)

    async def ids(**params: Any) -> list[str]:
        response = await shop.client.get(shop.url("o1"), params=params, headers=u1)
        assert response.status_code == 200, response.text
        return [p["ID"] for p in response.json()["Items"]]

    assert await ids() == ["c", "a", "b"]  # oldest first
    assert await ids(sortBy="ID") == ["a", "b", "c"]
    assert await ids(Amount=">15") == ["a"]
    assert await ids(search="invoice") == ["a"]
    assert await ids(Type="PurchaseOrder", sortBy="!ID", pageSize=2) == ["c", "b"]
    bad = await shop.client.get(shop.url("o1"), params={"sortBy": "Amount"}, headers=u1)
    assert bad.status_code == 400
    assert error(bad)["ErrorCode"] == "List.InvalidSortProperty"


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"Amount": 5}, 400, "ValidationFailure", "Type"),
        ({"Type": "Cash"}, 400, "ValidationFailure", "Type"),
        ({"Type": "PurchaseOrder", "Amount": "5"}, 400, "ValidationFailure", "Amount"),
        ({"Type": "PurchaseOrder", "Amount": 1e13}, 400, "ValidationFailure", "Amount"),
        ({"Type": "PurchaseOrder", "Description": "d" * 2001}, 400, "ValidationFailure", "Description"),
        ({"Type": "PurchaseOrder", "ID": "bad id"}, 400, "ValidationFailure", "ID"),
        ({"Type": "PurchaseOrder", "xp": {"big": "x" * 8000}}, 400, "ValidationFailure", "xp"),
        ({"Type": "PurchaseOrder", "Amount": 0}, 400, "Payment.AmountGreaterThanZero", "Amount"),
        ({"Type": "PurchaseOrder", "Amount": -5}, 400, "Payment.AmountGreaterThanZero", "Amount"),
        ({"Type": "PurchaseOrder", "Amount": 0.004}, 400, "Payment.AmountGreaterThanZero", "Amount"),
        ({"Type": "SpendingAccount"}, 400, "Payment.SpendingAccountIdMissing", "SpendingAccountID"),
        ({"Type": "CreditCard", "CreditCardID": ""}, 400, "Payment.CreditCardIdMissing", "CreditCardID"),
        ({"Type": "PurchaseOrder", "SpendingAccountID": "s"}, 400, "Payment.CannotSetSpendingAccount",
         "SpendingAccountID"),
        ({"Type": "SpendingAccount", "SpendingAccountID": "s", "CreditCardID": "c"}, 400,
         "Payment.CannotSetCreditCard", "CreditCardID"),
        ({"Type": "PurchaseOrder", "CreditCardID": "c"}, 400, "Payment.CannotSetCreditCard", "CreditCardID"),
        ({"Type": "CreditCard", "CreditCardID": "nope"}, 404, "NotFound", None),
        ({"Type": "PurchaseOrder", "OrderReturnID": "r1"}, 404, "NotFound", None),
    ],
)  # fmt: skip
async def test_create_validation(shop: Shop, body: dict[str, Any], status: int, code: str, field: str | None) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    response = await shop.pay("o1", body, u1)
    assert response.status_code == status, response.text
    assert error(response)["ErrorCode"] == code
    if field is not None:
        assert error(response)["Data"]["Field"] == field
    assert (await shop.client.get(shop.url("o1"), headers=u1)).json()["Items"] == []


async def test_create_only_properties_cannot_be_patched(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": 5}, u1)
    for changes in ({"Type": "CreditCard"}, {"SpendingAccountID": "s"}, {"CreditCardID": "c"}, {"Type": None}):
        refused = await shop.client.patch(shop.url("o1", "p", direction="Incoming"), json=changes, headers=shop.admin)
        assert refused.status_code == 400, changes
        assert error(refused)["ErrorCode"] == "Payment.CannotPatchProperty"
        assert error(refused)["Data"] == {"Field": next(iter(changes))}
    invalid_changes: list[dict[str, Any]] = [{"Amount": "x"}, {"Accepted": "yes"}, {"Description": 5}]
    for changes in invalid_changes:
        invalid = await shop.client.patch(shop.url("o1", "p"), json=changes, headers=u1)
        assert invalid.status_code == 400
        assert error(invalid)["ErrorCode"] == "ValidationFailure"
    no_put = await shop.client.put(shop.url("o1", "p"), json={"Type": "PurchaseOrder"}, headers=u1)
    assert no_put.status_code == 405


async def test_credit_card_payments(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1", Role.Shopper, Role.MeCreditCardAdmin)
    u2 = await shop.user("b1", "u2", Role.Shopper, Role.MeCreditCardAdmin)
    await shop.order("o1", "u1", "50")
    cards = "/v1/buyers/b1/creditcards"
    for card_id in ("assigned", "unassigned"):
        made = await shop.client.post(cards, json={"ID": card_id, "CardholderName": "U"}, headers=shop.admin)
        assert made.status_code == 201, made.text
    assigned = await shop.client.post(
        f"{cards}/assignments", json={"CreditCardID": "assigned", "UserID": "u1"}, headers=shop.admin
    )
    assert assigned.status_code == 204
    own = await shop.client.post("/v1/me/creditcards", json={"CardholderName": "U1"}, headers=u1)
    assert own.status_code == 201, own.text
    others = await shop.client.post("/v1/me/creditcards", json={"CardholderName": "U2"}, headers=u2)

    for card_id in ("assigned", own.json()["ID"]):
        payment = await shop.paid("o1", {"Type": "CreditCard", "CreditCardID": card_id, "Amount": 10}, u1)
        assert payment["CreditCardID"] == card_id
        assert payment["Accepted"] is None
    # An admin acting on the order is held to the order's user's cards too.
    for card_id in ("unassigned", others.json()["ID"]):
        for headers, direction in ((u1, "Outgoing"), (shop.admin, "Incoming")):
            refused = await shop.pay("o1", {"Type": "CreditCard", "CreditCardID": card_id}, headers, direction)
            assert refused.status_code == 404, refused.text
            assert error(refused)["Data"] == {"ObjectType": "CreditCard", "ObjectID": card_id}


async def test_routes_ignore_the_case_of_direction(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    made = await shop.pay("o1", {"ID": "p", "Type": "PurchaseOrder"}, u1, direction="outgoing")
    assert made.status_code == 201
    assert made.headers["location"] == "/v1/orders/outgoing/o1/payments/p"
    assert (await shop.client.get("/v1/orders/ALL/o1/Payments/p", headers=u1)).status_code == 200
    unknown = await shop.client.get("/v1/orders/Sideways/o1/payments", headers=u1)
    assert unknown.status_code == 404


async def test_roles(shop: Shop) -> None:
    await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    reader = await shop.user("b1", "reader", Role.OrderReader)
    assert (await shop.client.get(shop.url("o1"), headers=reader)).status_code == 200
    refused = await shop.pay("o1", {"Type": "PurchaseOrder"}, reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
