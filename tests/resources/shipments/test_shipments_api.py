from __future__ import annotations

from typing import Any

from mercato.auth.roles import Role
from tests.resources.shipments.shop import Shop, error, items

URL = "/v1/shipments"
SHIPMENT: dict[str, Any] = {
    "ID": "s1",
    "BuyerID": "b1",
    "Shipper": "FedEx",
    "DateShipped": None,
    "DateDelivered": "2030-02-01T10:00:00+01:00",
    "TrackingNumber": "TRK-123",
    "Cost": 12.345,
    "Account": "acct-9",
    "xp": {"carrier": {"service": "2day"}},
}


async def test_crud_and_id_rules(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    await shop.callers.buyer("b1")
    made = await client.post(URL, json=SHIPMENT, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/shipments/s1"
    shipment = made.json()
    assert shipment == SHIPMENT | {
        "DateDelivered": "2030-02-01T09:00:00Z",
        "Cost": 12.35,  # money, rounded to cents (SEMANTICS.md §5.5)
        "OwnerID": shop.callers.marketplace_id,  # the marketplace owner's, unless a create says otherwise
        "FromAddressID": None,
        "ToAddressID": None,
        "FromAddress": None,
        "ToAddress": None,
    }
    assert (await client.get(f"{URL}/s1", headers=admin)).json() == shipment
    taken = await client.post(URL, json={"ID": "s1"}, headers=admin)
    assert taken.status_code == 409
    assert error(taken)["ErrorCode"] == "IdExists"

    patched = await client.patch(
        f"{URL}/s1",
        json={"TrackingNumber": "TRK-456", "xp": {"box": 2}, "OwnerID": "someone", "FromAddress": {"City": "X"}},
        headers=admin,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json() == shipment | {"TrackingNumber": "TRK-456", "xp": {"carrier": {"service": "2day"}, "box": 2}}

    saved = await client.put(f"{URL}/s1", json={"Shipper": "UPS"}, headers=admin)
    assert saved.status_code == 200
    replaced = saved.json()
    assert replaced["Shipper"] == "UPS"
    assert (replaced["BuyerID"], replaced["TrackingNumber"], replaced["xp"]) == (None, None, None)
    assert replaced["OwnerID"] == shop.callers.marketplace_id  # kept: read-only after create

    put_new = await client.put(f"{URL}/s2", json={"BuyerID": "b1"}, headers=admin)
    assert put_new.status_code == 200
    assert put_new.json()["ID"] == "s2"
    generated = await client.post(URL, json={}, headers=admin)
    assert len(generated.json()["ID"]) == 22

    incrementors = await shop.callers.headers(Role.IncrementorAdmin)
    counter = {"ID": "shipno", "LastNumber": 41, "LeftPaddingCount": 5}
    assert (await client.post("/v1/incrementors", json=counter, headers=incrementors)).status_code == 201
    numbered = await client.post(URL, json={"ID": "SHIP-{shipno}"}, headers=admin)
    assert numbered.json()["ID"] == "SHIP-00042"

    renamed = await client.patch(f"{URL}/s2", json={"ID": "s2-renamed"}, headers=admin)
    assert renamed.json()["ID"] == "s2-renamed"
    assert (await client.get(f"{URL}/s2", headers=admin)).status_code == 404
    bad_id = await client.post(URL, json={"ID": "has space"}, headers=admin)
    assert bad_id.status_code == 400
    assert error(bad_id)["ErrorCode"] == "ValidationFailure"

    assert (await client.delete(f"{URL}/s1", headers=admin)).status_code == 204
    missing = await client.get(f"{URL}/s1", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Shipment", "ObjectID": "s1"}
    assert (await client.delete(f"{URL}/s1", headers=admin)).status_code == 404


async def test_owner_buyer_and_body_rules(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    await shop.callers.buyer("b1")
    own = await client.post(URL, json={"ID": "mine", "OwnerID": shop.callers.marketplace_id}, headers=admin)
    assert own.status_code == 201
    supplier = await client.post(URL, json={"OwnerID": "acme-supplier"}, headers=admin)
    assert supplier.status_code == 404  # no such supplier (suppliers do not exist yet)
    assert error(supplier)["Data"] == {"ObjectType": "Supplier", "ObjectID": "acme-supplier"}
    no_buyer = await client.post(URL, json={"BuyerID": "nobody"}, headers=admin)
    assert no_buyer.status_code == 404
    assert error(no_buyer)["Data"]["ObjectType"] == "Buyer"
    negative_quantity_field = await client.post(URL, json={"TrackingNumber": "x" * 3001}, headers=admin)
    assert negative_quantity_field.status_code == 400
    assert error(negative_quantity_field)["Data"] == {"Field": "TrackingNumber"}
    reader = await shop.callers.headers(Role.ShipmentReader)
    assert (await client.post(URL, json={}, headers=reader)).status_code == 403
    assert (await client.get(f"{URL}/mine", headers=reader)).status_code == 200


async def test_lists_search_sort_filter(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    await shop.callers.buyer("b1")
    await shop.callers.buyer("b2")
    await shop.shipment("c", BuyerID="b1", TrackingNumber="ZX-1", Cost=5)
    await shop.shipment("a", BuyerID="b2", TrackingNumber="QQ-2", Cost=15, DateDelivered="2030-01-02T00:00:00Z")
    await shop.shipment("b", BuyerID="b1", xp={"dock": 4})
    assert [s["ID"] for s in items(await client.get(URL, headers=admin))] == ["a", "b", "c"]
    by_buyer = await client.get(URL, params={"sortBy": "!BuyerID,ID"}, headers=admin)
    assert [s["ID"] for s in items(by_buyer)] == ["a", "b", "c"]
    assert [s["ID"] for s in items(await client.get(URL, params={"search": "zx"}, headers=admin))] == ["c"]
    assert [s["ID"] for s in items(await client.get(URL, params={"Cost": ">10"}, headers=admin))] == ["a"]
    assert [s["ID"] for s in items(await client.get(URL, params={"xp.dock": "4"}, headers=admin))] == ["b"]
    delivered = await client.get(URL, params={"DateDelivered": "2030-01-02"}, headers=admin)
    assert [s["ID"] for s in items(delivered)] == ["a"]
    unsortable = await client.get(URL, params={"sortBy": "Shipper"}, headers=admin)
    assert unsortable.status_code == 400


async def test_addresses(shop: Shop) -> None:
    client, admin = shop.client, shop.admin
    everything = await shop.callers.headers(Role.FullAccess)
    await shop.callers.buyer("b1")
    warehouse = {"ID": "wh", "Street1": "1 Dock Rd", "City": "Rotterdam", "Country": "NL", "AddressName": "WH"}
    assert (await client.post("/v1/addresses", json=warehouse, headers=everything)).status_code == 201
    office = {"ID": "office", "Street1": "2 Main St", "City": "Utrecht", "Country": "NL"}
    assert (await client.post("/v1/buyers/b1/addresses", json=office, headers=everything)).status_code == 201

    made = await client.post(
        URL, json={"ID": "s1", "BuyerID": "b1", "FromAddressID": "wh", "ToAddressID": "office"}, headers=admin
    )
    assert made.status_code == 201, made.text
    shipment = made.json()
    assert shipment["FromAddress"]["Street1"] == "1 Dock Rd"
    assert shipment["FromAddress"]["ID"] == "wh"
    assert shipment["ToAddress"]["City"] == "Utrecht"

    # The copy stays what it was while the ID does, whatever becomes of the address.
    await client.patch("/v1/addresses/wh", json={"Street1": "9 New Quay"}, headers=everything)
    kept = await client.patch(f"{URL}/s1", json={"Shipper": "DHL"}, headers=admin)
    assert kept.json()["FromAddress"]["Street1"] == "1 Dock Rd"

    no_buyer = await client.post(URL, json={"ToAddressID": "office"}, headers=admin)
    assert no_buyer.status_code == 400
    assert error(no_buyer)["Data"] == {"Field": "BuyerID"}
    unknown = await client.post(URL, json={"FromAddressID": "office"}, headers=admin)  # a buyer's, not the seller's
    assert unknown.status_code == 404
    assert error(unknown)["Data"] == {"ObjectType": "Address", "ObjectID": "office"}

    one_time = {"Street1": "5 Pier", "City": "Antwerp", "Country": "BE", "CompanyName": "Dock 5"}
    shipped_from = await client.put(f"{URL}/s1/shipfrom", json=one_time, headers=admin)
    assert shipped_from.status_code == 200, shipped_from.text
    assert shipped_from.json()["FromAddressID"] is None
    assert shipped_from.json()["FromAddress"]["CompanyName"] == "Dock 5"
    kept_one_time = await client.patch(f"{URL}/s1", json={"Cost": 3}, headers=admin)
    assert kept_one_time.json()["FromAddress"]["City"] == "Antwerp"

    shipped_to = await client.put(
        f"{URL}/s1/shipto", json={"Street1": "7 Road", "City": "Austin", "Country": "US"}, headers=admin
    )
    assert shipped_to.status_code == 400  # US addresses need State and Zip
    shipped_to = await client.put(f"{URL}/s1/shipto", json=one_time | {"City": "Ghent"}, headers=admin)
    assert shipped_to.json()["ToAddress"]["City"] == "Ghent"
    assert shipped_to.json()["ToAddressID"] is None

    by_id_again = await client.patch(f"{URL}/s1", json={"ToAddressID": "office"}, headers=admin)
    assert by_id_again.json()["ToAddress"]["City"] == "Utrecht"
    cleared = await client.patch(f"{URL}/s1", json={"ToAddressID": None}, headers=admin)
    assert cleared.json()["ToAddress"] is None  # the copy came from the ID, so it goes with it
    assert (await client.put(f"{URL}/nope/shipfrom", json=one_time, headers=admin)).status_code == 404
