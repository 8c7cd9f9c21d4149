"""Orders when their user is deleted or moved, or their buyer deleted (decision 0020)."""

from __future__ import annotations

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import Checkout


async def test_a_user_with_an_open_order_stays_until_it_is_done(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="placed")
    await checkout.line(alice, "placed", "p1")
    await checkout.act(alice, "placed", "submit")
    await checkout.order(alice, ID="cart")
    refused = await checkout.client.delete("/v1/buyers/b1/users/alice", headers=checkout.admin)
    assert error(refused)["ErrorCode"] == "User.CannotDeleteWithOpenOrder"
    admin = await checkout.callers.headers(Role.OrderAdmin, Role.UnsubmittedOrderReader)
    assert (await checkout.client.post("/v1/orders/Incoming/placed/complete", headers=admin)).status_code == 201
    assert (await checkout.client.delete("/v1/buyers/b1/users/alice", headers=checkout.admin)).status_code == 204
    assert (await checkout.client.get("/v1/orders/Incoming/cart", headers=admin)).status_code == 404
    kept = await checkout.client.get("/v1/orders/Incoming/placed", headers=admin)
    assert kept.json()["FromUser"]["ID"] == "alice"


async def test_moving_a_user_takes_the_orders_asked_for(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="placed")
    await checkout.line(alice, "placed", "p1")
    await checkout.act(alice, "placed", "submit")
    await checkout.order(alice, ID="cart")
    open_order = await checkout.client.post("/v1/buyers/b1/users/alice/moveto/b2?orders=All", headers=checkout.admin)
    assert error(open_order)["ErrorCode"] == "User.CannotMoveeWithOpenOrder"
    admin = await checkout.callers.headers(Role.OrderAdmin)
    assert (await checkout.client.post("/v1/orders/Incoming/placed/complete", headers=admin)).status_code == 201
    await checkout.ok("POST", "/v1/buyers/b1/users/alice/moveto/b2", orders="Unsubmitted")
    cart = await checkout.client.get("/v1/orders/Incoming/cart", headers=admin)
    placed = await checkout.client.get("/v1/orders/Incoming/placed", headers=admin)
    assert (cart.json()["FromCompanyID"], cart.json()["FromUser"]["CompanyID"]) == ("b2", "b2")
    assert placed.json()["FromCompanyID"] == "b1"


async def test_deleting_a_buyer_deletes_its_orders(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1, catalog="b2")
    bob = await checkout.user("b2", "bob")
    await checkout.order(bob, ID="o1")
    await checkout.line(bob, "o1", "p1")
    await checkout.act(bob, "o1", "submit")
    admin = await checkout.callers.headers(Role.OrderAdmin)
    assert (await checkout.client.get("/v1/orders/Incoming/o1", headers=admin)).status_code == 200
    assert (await checkout.client.delete("/v1/buyers/b2", headers=checkout.admin)).status_code == 204
    assert (await checkout.client.get("/v1/orders/Incoming/o1", headers=admin)).status_code == 404
