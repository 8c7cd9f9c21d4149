from __future__ import annotations

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.shipments.shop import Shop, error, items


async def test_ship_puts_every_line_on_one_shipment_and_completes_the_order(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    owner = await shop.buyer_user("b1", "u1")
    await shop.order("o1", owner, {"l1": 2, "l2": 3})
    shipped = await client.post(
        "/v1/orders/Incoming/o1/ship", json={"ID": "box-1", "TrackingNumber": "T-1"}, headers=admin
    )
    assert shipped.status_code == 201, shipped.text
    assert shipped.headers["location"] == "/v1/shipments/box-1"
    order = shipped.json()
    assert (order["ID"], order["Status"]) == ("o1", "Completed")
    assert order["DateCompleted"] is not None
    assert await shop.shipped("o1") == {"l1": 2, "l2": 3}
    shipment = (await client.get("/v1/shipments/box-1", headers=admin)).json()
    assert (shipment["BuyerID"], shipment["TrackingNumber"]) == ("b1", "T-1")
    listed = items(await client.get("/v1/shipments/box-1/items", headers=admin))
    assert [(i["LineItemID"], i["QuantityShipped"]) for i in listed] == [("l1", 2), ("l2", 3)]

    # The contract lists OrderAdmin and ShipmentReader for Orders.ListShipments (not ShipmentAdmin).
    reader = await shop.callers.headers(Role.ShipmentReader)
    for path in ("/v1/orders/Incoming/o1/shipments", "/v1/orders/all/o1/shipments"):
        assert [s["ID"] for s in items(await client.get(path, headers=reader))] == ["box-1"]
    order_admin = await shop.callers.headers(Role.OrderAdmin)
    listed_too = await client.get("/v1/orders/incoming/o1/shipments", headers=order_admin)
    assert [s["ID"] for s in items(listed_too)] == ["box-1"]
    assert (await client.get("/v1/orders/Outgoing/o1/shipments", headers=reader)).status_code == 404
    assert (await client.get("/v1/orders/Sideways/o1/shipments", headers=reader)).status_code == 404
    # The buyer's user reads its own order's shipments with OrderAdmin... on the Outgoing side.
    buyer_admin = await shop.buyer_user("b1", "u1-admin", Role.OrderAdmin)
    mine = await client.get("/v1/orders/Outgoing/o1/shipments", headers=buyer_admin.headers)
    assert [s["ID"] for s in items(mine)] == ["box-1"]


async def test_ship_refusals(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    owner = await shop.buyer_user("b1", "u1")
    await shop.order("submitted", owner, {"l1": 1}, status="AwaitingApproval")
    await shop.order("empty", owner, {})
    await shop.order("partly", owner, {"l1": 2, "l2": 1})
    await shop.order("done", owner, {"l1": 1}, status="Completed")

    async def ship(order_id: str, **body: object) -> str:
        response = await client.post(f"/v1/orders/Incoming/{order_id}/ship", json=body, headers=admin)
        assert response.status_code == 400, response.text
        return str(error(response)["ErrorCode"])

    assert await ship("submitted") == "Order.CannotShipBadStatus"
    assert await ship("done") == "Order.CannotShipBadStatus"
    assert await ship("empty") == "Order.CannotShipWithNoLineItems"
    await shop.shipment("s1")
    assert (await shop.ship("s1", "partly", "l1", 1)).status_code == 200
    assert await ship("partly") == "Order.ConflictsWithOtherShipments"
    assert (await client.delete("/v1/shipments/s1", headers=admin)).status_code == 204
    assert await ship("partly", BuyerID="b2") == "Shipment.BuyerMismatch"
    assert items(await client.get("/v1/shipments", headers=admin)) == []
    taken = await shop.shipment("taken")
    conflict = await client.post("/v1/orders/Incoming/partly/ship", json={"ID": taken["ID"]}, headers=admin)
    assert conflict.status_code == 409
    assert await shop.shipped("partly") == {"l1": 0, "l2": 0}
    missing = await client.post("/v1/orders/Incoming/nope/ship", json={}, headers=admin)
    assert missing.status_code == 404

    # Shipping is the seller's: a buyer user holding OrderAdmin and ShipmentAdmin ships nothing.
    buyer = await shop.buyer_user("b1", "u1-admin", Role.OrderAdmin, Role.ShipmentAdmin)
    refused = await client.post("/v1/orders/Outgoing/partly/ship", json={}, headers=buyer.headers)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
    refused = await client.post("/v1/shipments", json={}, headers=buyer.headers)
    assert refused.status_code == 403


async def test_me_shipments_show_the_callers_orders_only(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    alice = await shop.buyer_user("b1", "alice")
    colleague = await shop.buyer_user("b1", "bob")
    supervisor = await shop.buyer_user("b1", "carol", Role.Shopper, Role.OrderReader)
    other = await shop.buyer_user("b2", "dave")
    await shop.order("a1", alice, {"l1": 2})
    await shop.order("a2", alice, {"l1": 1})
    await shop.order("c1", colleague, {"l1": 1})
    await shop.order("d1", other, {"l1": 1})
    await shop.shipment("sa", TrackingNumber="TRK-Q")
    await shop.shipment("sa2")
    await shop.shipment("sd")
    await shop.shipment("empty", BuyerID="b1")
    for shipment_id, order_id in (("sa", "a1"), ("sa", "c1"), ("sa2", "a2"), ("sd", "d1")):
        assert (await shop.ship(shipment_id, order_id, "l1", 1)).status_code == 200

    def ids(response: object) -> list[str]:
        return [s["ID"] for s in items(response)]  # type: ignore[arg-type]

    assert ids(await client.get("/v1/me/shipments", headers=alice.headers)) == ["sa", "sa2"]
    assert ids(await client.get("/v1/Me/Shipments", params={"orderID": "a2"}, headers=alice.headers)) == ["sa2"]
    assert ids(await client.get("/v1/me/shipments", params={"search": "trk"}, headers=alice.headers)) == ["sa"]
    assert (await client.get("/v1/me/shipments/sa", headers=alice.headers)).json()["TrackingNumber"] == "TRK-Q"
    alice_items = await client.get("/v1/me/shipments/sa/items", headers=alice.headers)
    assert [(i["OrderID"], i["QuantityShipped"]) for i in items(alice_items)] == [("a1", 1)]  # not bob's
    assert ids(await client.get("/v1/me/shipments", headers=colleague.headers)) == ["sa"]
    bob_items = await client.get("/v1/me/shipments/sa/items", headers=colleague.headers)
    assert [i["OrderID"] for i in items(bob_items)] == ["c1"]
    # OrderReader reads every order of the buyer, so every item of its shipments.
    assert ids(await client.get("/v1/me/shipments", headers=supervisor.headers)) == ["sa", "sa2"]
    all_items = await client.get("/v1/me/shipments/sa/items", params={"orderID": "c1"}, headers=supervisor.headers)
    assert [i["OrderID"] for i in items(all_items)] == ["c1"]

    # Another buyer's user, and shipments holding nothing of the caller's, are 404 / absent.
    assert ids(await client.get("/v1/me/shipments", headers=other.headers)) == ["sd"]
    for path in ("/v1/me/shipments/sa", "/v1/me/shipments/sa/items", "/v1/me/shipments/empty"):
        response = await client.get(path, headers=other.headers)
        assert response.status_code == 404, path
        assert error(response)["Data"]["ObjectType"] == "Shipment"
    assert (await client.get("/v1/me/shipments/sd", headers=alice.headers)).status_code == 404
    assert (await client.get("/v1/me/shipments/empty", headers=alice.headers)).status_code == 404

    # The marketplace owner's users have no /me shipments; /shipments shows them everything.
    owner_user = await shop.callers.headers(Role.Shopper, Role.ShipmentReader)
    assert ids(await client.get("/v1/me/shipments", headers=owner_user)) == []
    assert ids(await client.get("/v1/shipments", headers=owner_user)) == ["empty", "sa", "sa2", "sd"]
    assert ids(await client.get("/v1/shipments", headers=admin)) == ["empty", "sa", "sa2", "sd"]


async def test_buyer_users_with_shipment_reader_see_their_part_of_shipments(shop: Shop) -> None:
    client = shop.client
    alice = await shop.buyer_user("b1", "alice", Role.ShipmentReader)
    bob = await shop.buyer_user("b1", "bob")
    other = await shop.buyer_user("b2", "dave", Role.ShipmentReader, Role.OrderReader)
    await shop.order("a1", alice, {"l1": 1})
    await shop.order("b1", bob, {"l1": 1})
    await shop.shipment("s1")
    assert (await shop.ship("s1", "a1", "l1", 1)).status_code == 200
    assert (await shop.ship("s1", "b1", "l1", 1)).status_code == 200
    assert [s["ID"] for s in items(await shop.client.get("/v1/shipments", headers=alice.headers))] == ["s1"]
    listed = await client.get("/v1/shipments/s1/items", headers=alice.headers)
    assert [i["OrderID"] for i in items(listed)] == ["a1"]
    assert (await client.get("/v1/shipments/s1/items/b1/l1", headers=alice.headers)).status_code == 404
    assert (await client.get("/v1/shipments/s1/items/a1/l1", headers=alice.headers)).status_code == 200
    assert items(await client.get("/v1/shipments", headers=other.headers)) == []
    for path in ("/v1/shipments/s1", "/v1/shipments/s1/items", "/v1/shipments/s1/items/a1/l1"):
        assert (await client.get(path, headers=other.headers)).status_code == 404, path
    supplier = await shop.callers.token(Role.ShipmentReader, user_type=UserType.SUPPLIER, company_id="sup")
    hidden = await client.get("/v1/shipments", headers={"Authorization": f"Bearer {supplier}"})
    assert items(hidden) == []
