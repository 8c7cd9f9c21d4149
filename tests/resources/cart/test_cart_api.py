"""The cart: the caller's current unsubmitted order, created on first use, chosen with PUT /cart/{orderID}."""

from __future__ import annotations

from tests.resources.orders.conftest import Checkout


async def test_a_cart_is_made_by_adding_a_line_and_submitted(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 2.5)
    alice = await checkout.user("b1", "alice")
    empty = await checkout.client.get("/v1/cart", headers=alice)
    assert empty.status_code == 200
    assert empty.json()["ID"] is None
    assert (await checkout.client.get("/v1/cart/lineitems", headers=alice)).status_code == 404

    added = await checkout.client.post("/v1/cart/lineitems", json={"ProductID": "p1", "Quantity": 4}, headers=alice)
    assert added.status_code == 201, added.text
    cart = await checkout.client.get("/v1/cart", headers=alice)
    assert cart.json()["Total"] == 10
    cart_id = cart.json()["ID"]
    line_id = added.json()["ID"]
    patched = await checkout.client.patch(f"/v1/cart/lineitems/{line_id}", json={"Quantity": 2}, headers=alice)
    assert patched.json()["LineSubtotal"] == 5
    listed = await checkout.client.get("/v1/cart/lineitems", headers=alice)
    assert [item["ID"] for item in listed.json()["Items"]] == [line_id]
    assert (await checkout.client.patch("/v1/cart", json={"Comments": "asap"}, headers=alice)).json()[
        "Comments"
    ] == "asap"
    assert (await checkout.client.post("/v1/cart/validate", headers=alice)).status_code == 204
    submitted = await checkout.client.post("/v1/cart/submit", headers=alice)
    assert submitted.status_code == 201, submitted.text
    assert (submitted.json()["ID"], submitted.json()["Status"]) == (cart_id, "Open")
    assert (await checkout.client.get("/v1/cart", headers=alice)).json()["ID"] is None


async def test_the_active_cart_is_chosen_and_others_cannot_be(checkout: Checkout) -> None:
    alice = await checkout.user("b1", "alice")
    bob = await checkout.user("b1", "bob")
    await checkout.order(alice, ID="first")
    await checkout.order(alice, ID="second")
    await checkout.order(bob, ID="bobs")
    assert (await checkout.client.get("/v1/cart", headers=alice)).json()["ID"] == "second"
    assert (await checkout.client.put("/v1/cart/first", headers=alice)).status_code == 204
    assert (await checkout.client.get("/v1/cart", headers=alice)).json()["ID"] == "first"
    assert (await checkout.client.put("/v1/cart/bobs", headers=alice)).status_code == 404
    assert (await checkout.client.delete("/v1/cart", headers=alice)).status_code == 204
    assert (await checkout.client.get("/v1/cart", headers=alice)).json()["ID"] == "second"


async def test_paying_for_the_cart(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 12)
    alice = await checkout.user("b1", "alice")
    assert (
        await checkout.client.post("/v1/cart/payments", json={"Type": "PurchaseOrder"}, headers=alice)
    ).status_code == 404
    await checkout.client.post("/v1/cart/lineitems", json={"ProductID": "p1", "Quantity": 2}, headers=alice)
    paid = await checkout.client.post("/v1/cart/payments", json={"ID": "po", "Type": "PurchaseOrder"}, headers=alice)
    assert paid.status_code == 201, paid.text
    unaccepted = await checkout.client.post("/v1/cart/validate", headers=alice)
    assert unaccepted.json()["Errors"][0]["ErrorCode"] == "Order.CannotSubmitWithUnaccceptedPayments"
    accepted = await checkout.client.patch("/v1/cart/payments/po", json={"Accepted": True}, headers=alice)
    assert accepted.status_code == 200, accepted.text
    listed = await checkout.client.get("/v1/cart/payments", headers=alice)
    assert [p["ID"] for p in listed.json()["Items"]] == ["po"]
    assert (await checkout.client.post("/v1/cart/submit", headers=alice)).json()["Status"] == "Open"
