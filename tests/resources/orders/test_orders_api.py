from __future__ import annotations

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import ORDERS, Checkout


async def test_a_buyer_creates_an_order_and_adds_priced_lines(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 10.5)
    await checkout.priced_product("p2", 3.333)
    alice = await checkout.user("b1", "alice")
    order = await checkout.order(alice, ID="o1", Comments="first", xp={"PO": "123"})
    assert order["ID"] == "o1"
    assert order["Status"] == "Unsubmitted"
    assert order["FromUser"]["ID"] == "alice"
    assert order["FromCompanyID"] == "b1"
    assert order["ToCompanyID"] == checkout.callers.marketplace_id
    assert order["Total"] == 0

    line = await checkout.line(alice, "o1", "p1", 3)
    assert line.status_code == 201, line.text
    assert line.json()["UnitPrice"] == 10.5
    assert line.json()["LineSubtotal"] == 31.5
    assert line.json()["Product"]["ID"] == "p1"
    assert line.json()["PriceScheduleID"] == "ps-p1"
    second = await checkout.line(alice, "o1", "p2", 3)
    assert second.json()["LineSubtotal"] == 10.0  # 3.333 * 3 = 9.999 -> 10.00

    order = await checkout.get_order(alice, "o1")
    assert order["LineItemCount"] == 2
    assert order["Subtotal"] == 41.5
    assert order["Total"] == 41.5


async def test_lines_change_and_go_and_the_totals_follow(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 2)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    created = await checkout.line(alice, "o1", "p1", 1, ID="l1")
    assert created.status_code == 201
    patched = await checkout.client.patch(f"{ORDERS}/o1/lineitems/l1", json={"Quantity": 5}, headers=alice)
    assert patched.status_code == 200, patched.text
    assert patched.json()["LineTotal"] == 10
    assert (await checkout.get_order(alice, "o1"))["Total"] == 10
    deleted = await checkout.client.delete(f"{ORDERS}/o1/lineitems/l1", headers=alice)
    assert deleted.status_code == 204
    order = await checkout.get_order(alice, "o1")
    assert (order["Total"], order["LineItemCount"]) == (0, 0)


async def test_invisible_unpriced_and_parent_products_cannot_be_ordered(checkout: Checkout) -> None:
    await checkout.priced_product("theirs", 1, catalog="b2")
    await checkout.product("unpriced")
    await checkout.in_catalog("b1", "unpriced")
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    missing = await checkout.line(alice, "o1", "theirs")
    assert missing.status_code == 404
    unpriced = await checkout.line(alice, "o1", "unpriced")
    assert unpriced.status_code == 400
    assert error(unpriced)["ErrorCode"] == "PriceSchedule.MissingOrConflicting"


async def test_another_buyers_user_cannot_see_or_change_the_order(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    bob = await checkout.user("b2", "bob", Role.Shopper, Role.OrderAdmin, Role.OrderReader)
    colleague = await checkout.user("b1", "carol")
    await checkout.order(alice, ID="o1")
    for headers in (bob, colleague):
        assert (await checkout.client.get(f"{ORDERS}/o1", headers=headers)).status_code == 404
        assert (await checkout.line(headers, "o1", "p1")).status_code == 404
        assert (await checkout.client.delete(f"{ORDERS}/o1", headers=headers)).status_code == 404


async def test_an_admin_creates_an_order_on_behalf_of_a_buyer_user(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 4)
    await checkout.user("b1", "alice")
    admin = await checkout.callers.headers(Role.OrderAdmin)
    refused = await checkout.client.post("/v1/orders/Incoming", json={"ID": "x"}, headers=admin)
    assert error(refused)["ErrorCode"] == "Order.CreateIncomingRequiresFromUser"
    response = await checkout.client.post(
        "/v1/orders/Incoming", json={"ID": "o2", "FromUserID": "alice"}, headers=admin
    )
    assert response.status_code == 201, response.text
    assert response.json()["FromUser"]["ID"] == "alice"
    line = await checkout.client.post(
        "/v1/orders/Incoming/o2/lineitems", json={"ProductID": "p1", "Quantity": 2}, headers=admin
    )
    assert line.status_code == 201, line.text
    assert line.json()["LineTotal"] == 8


async def test_line_items_across_orders(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    await checkout.priced_product("p2", 2)
    alice = await checkout.user("b1", "alice")
    for order_id, product in (("o1", "p1"), ("o2", "p2"), ("cart", "p1")):
        await checkout.order(alice, ID=order_id)
        await checkout.line(alice, order_id, product, 2, ID=f"{order_id}-line")
    for order_id in ("o1", "o2"):
        await checkout.act(alice, order_id, "submit")
    admin = await checkout.callers.headers(Role.OrderReader)
    listed = await checkout.client.get("/v1/lineitems/Incoming", params={"sortBy": "OrderID"}, headers=admin)
    assert listed.status_code == 200, listed.text
    assert [(i["OrderID"], i["ID"], i["Order"]["Status"]) for i in listed.json()["Items"]] == [
        ("o1", "o1-line", "Open"),
        ("o2", "o2-line", "Open"),
    ]
    only_p2 = await checkout.client.get("/v1/lineitems/Incoming", params={"ProductID": "p2"}, headers=admin)
    assert [i["ID"] for i in only_p2.json()["Items"]] == ["o2-line"]


async def test_order_ids_take_incrementors(checkout: Checkout) -> None:
    await checkout.ok(
        "POST", "/v1/incrementors", {"ID": "orderNumber", "Name": "orders", "LastNumber": 41, "LeftPaddingCount": 6}
    )
    alice = await checkout.user("b1", "alice")
    first = await checkout.order(alice, ID="PO-{orderNumber}")
    second = await checkout.order(alice, ID="PO-{orderNumber}-X")
    assert (first["ID"], second["ID"]) == ("PO-000042", "PO-000043-X")


async def test_from_and_to_bound_the_creation_date(checkout: Checkout) -> None:
    alice = await checkout.user("b1", "alice")
    created = await checkout.order(alice, ID="o1")
    day = created["DateCreated"][:10]
    params = {"Status": "Unsubmitted"}
    for bounds, expected in (({"from": day}, ["o1"]), ({"to": day}, ["o1"]), ({"to": "2000-01-01"}, [])):
        listed = await checkout.client.get("/v1/me/orders", params=params | bounds, headers=alice)
        assert [o["ID"] for o in listed.json()["Items"]] == expected, bounds
    bad = await checkout.client.get("/v1/me/orders", params={"from": "yesterday"}, headers=alice)
    assert bad.status_code == 400
