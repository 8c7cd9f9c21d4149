"""A payment is reached only through an order the caller may read (write, for changes): anything else is a 404."""

from __future__ import annotations

import httpx

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.payments.conftest import Shop, error


async def calls(shop: Shop, headers: dict[str, str], direction: str = "Outgoing") -> list[httpx.Response]:
    item = shop.url("o1", "p", direction=direction)
    return [
        await shop.client.get(shop.url("o1", direction=direction), headers=headers),
        await shop.client.get(item, headers=headers),
        await shop.pay("o1", {"Type": "PurchaseOrder", "Amount": 1}, headers, direction),
        await shop.client.patch(item, json={"Description": "x"}, headers=headers),
        await shop.client.delete(item, headers=headers),
        await shop.client.post(
            f"{item}/transactions", json={"Type": "x", "DateExecuted": "2030-01-01T00:00:00Z"}, headers=headers
        ),
        await shop.client.delete(f"{item}/transactions/t", headers=headers),
    ]


async def test_other_users_and_buyers_get_404(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1")
    await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": 10}, u1)
    every_role = [role.value for role in Role]
    strangers = [
        await shop.user("b1", "u2"),  # same buyer, not the order's user, no buyer-wide role
        await shop.user("b2", "u3", *every_role),  # another buyer, all-powerful there
    ]
    for headers in strangers:
        for direction in ("Outgoing", "All", "Incoming"):
            for response in await calls(shop, headers, direction):
                if response.status_code == 403:  # transactions are the seller's record (decision 0021)
                    assert "/transactions" in str(response.url)
                    assert error(response)["ErrorCode"] in ("Auth.InsufficientRoles", "Auth.UserNotAuthorizedToAdmin")
                    continue
                assert response.status_code == 404, response.text
                assert error(response)["Data"]["ObjectType"] == "Order"
    # The marketplace owner reaches buyers' orders as Incoming, and sees unsubmitted ones only with
    # UnsubmittedOrderReader or OrderAdmin.
    admin_reader = await shop.callers.headers(Role.OrderReader)
    assert (await shop.client.get(shop.url("o1", direction="Incoming"), headers=admin_reader)).status_code == 404
    unsubmitted_reader = await shop.callers.headers(Role.OrderReader, Role.UnsubmittedOrderReader)
    listed = await shop.client.get(shop.url("o1", direction="Incoming"), headers=unsubmitted_reader)
    assert [p["ID"] for p in listed.json()["Items"]] == ["p"]
    assert (await shop.client.get(shop.url("o1", direction="Outgoing"), headers=shop.admin)).status_code == 404
    supplier = await shop.callers.headers(Role.FullAccess, user_type=UserType.SUPPLIER)
    assert (await shop.client.get(shop.url("o1", direction="All"), headers=supplier)).status_code == 404
    # Buyer-wide roles reach every order of the buyer: reading with OrderReader, writing with OrderAdmin.
    reader = await shop.user("b1", "reader", Role.OrderReader)
    assert (await shop.client.get(shop.url("o1", "p"), headers=reader)).status_code == 200
    boss = await shop.user("b1", "boss", Role.OrderAdmin)
    assert (await shop.client.patch(shop.url("o1", "p"), json={"Accepted": True}, headers=boss)).status_code == 200
    # Nothing the strangers tried changed anything.
    got = (await shop.client.get(shop.url("o1", "p"), headers=u1)).json()
    assert (got["Description"], got["Transactions"]) == (None, [])
    assert len((await shop.client.get(shop.url("o1"), headers=u1)).json()["Items"]) == 1
