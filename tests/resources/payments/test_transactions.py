from __future__ import annotations

import pytest

from mercato.auth.roles import Role
from tests.resources.payments.conftest import Shop, error

CAPTURE = {
    "ID": "t1",
    "Type": "Capture",
    "DateExecuted": "2030-01-02T03:04:05+01:00",
    "Amount": 10.005,
    "Succeeded": True,
    "ResultCode": "00",
    "ResultMessage": "Approved",
    "xp": {"processor": "x"},
}


async def test_order_admins_record_transactions(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": 10}, u1)
    admin = await shop.callers.headers(Role.OrderAdmin)
    url = shop.url("o1", "p", "transactions", direction="Incoming")
    made = await shop.client.post(url, json=CAPTURE, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/orders/Incoming/o1/payments/p"
    payment = made.json()
    assert payment["ID"] == "p"
    assert payment["Transactions"] == [
        CAPTURE | {"DateExecuted": "2030-01-02T02:04:05Z", "Amount": 10.01, "Currency": "USD"}  # the payment's
    ]
    earlier = {"Type": "Authorization", "DateExecuted": "2030-01-01T00:00:00Z", "Currency": "EUR"}
    second = await shop.client.post(url, json=earlier, headers=admin)
    assert second.status_code == 201, second.text
    listed = second.json()["Transactions"]
    assert [tx["Type"] for tx in listed] == ["Authorization", "Capture"]  # in the order they were executed
    assert len(listed[0]["ID"]) == 22
    assert listed[0] | {"ID": None} == {
        "ID": None,
        "Type": "Authorization",
        "DateExecuted": "2030-01-01T00:00:00Z",
        "Currency": "EUR",
        "Amount": None,
        "Succeeded": False,
        "ResultCode": None,
        "ResultMessage": None,
        "xp": None,
    }
    # The buyer reads them on the payment, in lists too.
    got = await shop.client.get(shop.url("o1", "p"), headers=u1)
    assert got.json()["Transactions"] == listed
    assert (await shop.client.get(shop.url("o1"), headers=u1)).json()["Items"][0]["Transactions"] == listed

    duplicate = await shop.client.post(url, json=CAPTURE, headers=admin)
    assert duplicate.status_code == 409
    for body, field in (
        ({"DateExecuted": "2030-01-01T00:00:00Z"}, "Type"),
        ({"Type": "Capture"}, "DateExecuted"),
        ({"Type": "", "DateExecuted": "2030-01-01T00:00:00Z"}, "Type"),
        ({"Type": "Capture", "DateExecuted": "2030-01-01T00:00:00Z", "ResultCode": "c" * 101}, "ResultCode"),
    ):
        invalid = await shop.client.post(url, json=body, headers=admin)
        assert invalid.status_code == 400, body
        assert error(invalid)["Data"] == {"Field": field}

    # Renaming the payment carries its transactions along; deleting one removes it; deleting the payment, all.
    renamed = await shop.client.patch(shop.url("o1", "p", direction="Incoming"), json={"ID": "p2"}, headers=admin)
    assert renamed.json()["Transactions"] == listed
    url = shop.url("o1", "p2", "transactions", direction="Incoming")
    assert (await shop.client.delete(f"{url}/t1", headers=admin)).status_code == 204
    assert (await shop.client.delete(f"{url}/t1", headers=admin)).status_code == 404
    assert [tx["Type"] for tx in (await shop.client.get(shop.url("o1", "p2"), headers=u1)).json()["Transactions"]] == [
        "Authorization"
    ]
    missing = await shop.client.post(
        shop.url("o1", "nope", "transactions", direction="Incoming"), json=CAPTURE, headers=admin
    )
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Payment", "ObjectID": "nope"}


@pytest.mark.parametrize("status", ["Unsubmitted", "Open", "Canceled"])
async def test_transactions_in_any_status(shop: Shop, status: str) -> None:
    """A processor's void may follow a cancel: transactions are records, kept in every status."""
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": 10}, u1)
    await shop.set_order("o1", status=status, is_submitted=status != "Unsubmitted")
    url = shop.url("o1", "p", "transactions", direction="Incoming")
    made = await shop.client.post(url, json=CAPTURE, headers=shop.admin)
    assert made.status_code == 201, made.text
    assert (await shop.client.delete(f"{url}/t1", headers=shop.admin)).status_code == 204


async def test_shoppers_cannot_record_transactions(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": 10}, u1)
    url = shop.url("o1", "p", "transactions")
    refused = await shop.client.post(url, json=CAPTURE, headers=u1)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"  # buyer users never record them
    assert (await shop.client.delete(f"{url}/t1", headers=u1)).status_code == 403
    # Nor does the buyer's own OrderAdmin: what a processor did is the seller's record.
    buyer_admin = await shop.user("b1", "boss", Role.OrderAdmin)
    refused = await shop.client.post(url, json=CAPTURE, headers=buyer_admin)
    assert (refused.status_code, error(refused)["ErrorCode"]) == (403, "Auth.UserNotAuthorizedToAdmin")
