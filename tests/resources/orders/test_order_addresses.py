"""Addresses on orders: saved addresses by ID (checked against the order's user, copied), one-time ship-to and
bill-to, and how lines inherit the order's ship-to."""

from __future__ import annotations

from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import ORDERS, Checkout

HOME = {"Street1": "1 Main St", "City": "Minneapolis", "State": "MN", "Zip": "55401", "Country": "US"}


async def _address(checkout: Checkout, address_id: str, *, shipping: bool, billing: bool) -> None:
    await checkout.ok("POST", "/v1/buyers/b1/addresses", {"ID": address_id, **HOME, "AddressName": address_id})
    body = {"AddressID": address_id, "IsShipping": shipping, "IsBilling": billing}
    await checkout.ok("POST", "/v1/buyers/b1/addresses/assignments", body)


async def test_saved_addresses_are_checked_and_copied(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    await _address(checkout, "ship", shipping=True, billing=False)
    await _address(checkout, "bill", shipping=False, billing=True)
    alice = await checkout.user("b1", "alice")
    wrong = await checkout.client.post(ORDERS, json={"ShippingAddressID": "bill"}, headers=alice)
    assert error(wrong)["ErrorCode"] == "Address.IsNotShippingAddress"
    unknown = await checkout.client.post(ORDERS, json={"BillingAddressID": "nope"}, headers=alice)
    assert unknown.status_code == 404
    order = await checkout.order(alice, ID="o1", ShippingAddressID="ship", BillingAddressID="bill")
    assert order["BillingAddress"]["Street1"] == "1 Main St"
    assert order["BillingAddress"]["DateCreated"].endswith("Z")  # RFC 3339 in UTC, like every date on the wire
    assert order["FromUser"]["DateCreated"].endswith("Z")
    assert order["ShippingAddressID"] == "ship"
    line = await checkout.line(alice, "o1", "p1")
    assert line.json()["ShippingAddressID"] == "ship"
    assert line.json()["ShippingAddress"]["City"] == "Minneapolis"
    await checkout.ok("PATCH", "/v1/buyers/b1/addresses/ship", {"City": "St Paul"})
    again = await checkout.client.get(f"{ORDERS}/o1/lineitems/{line.json()['ID']}", headers=alice)
    assert again.json()["ShippingAddress"]["City"] == "Minneapolis"  # the copy the line was placed with


async def test_one_time_addresses(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 1)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    missing = await checkout.client.patch(f"{ORDERS}/o1/shipto", json={"City": "X"}, headers=alice)
    assert error(missing)["ErrorCode"] == "ShippingAddress.CannotModifyNotFound"
    shipped = await checkout.client.put(f"{ORDERS}/o1/shipto", json=HOME, headers=alice)
    assert shipped.status_code == 200, shipped.text
    line = await checkout.line(alice, "o1", "p1")
    assert line.json()["ShippingAddress"]["Street1"] == "1 Main St"
    assert line.json()["ShippingAddressID"] is None
    patched = await checkout.client.patch(f"{ORDERS}/o1/shipto", json={"City": "Duluth"}, headers=alice)
    assert patched.status_code == 200, patched.text
    lines = await checkout.client.get(f"{ORDERS}/o1/lineitems", headers=alice)
    assert [item["ShippingAddress"]["City"] for item in lines.json()["Items"]] == ["Duluth"]
    bad = await checkout.client.put(f"{ORDERS}/o1/billto", json={**HOME, "State": None}, headers=alice)
    assert bad.status_code == 400
    billed = await checkout.client.put(f"{ORDERS}/o1/billto", json=HOME, headers=alice)
    assert billed.json()["BillingAddress"]["Zip"] == "55401"
    line_id = line.json()["ID"]
    own = await checkout.client.put(
        f"{ORDERS}/o1/lineitems/{line_id}/shipto", json={**HOME, "City": "Ely"}, headers=alice
    )
    assert own.status_code == 200, own.text
    assert own.json()["ShippingAddress"]["City"] == "Ely"


async def test_patch_from_user_changes_contact_details(checkout: Checkout) -> None:
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    patched = await checkout.client.patch(
        f"{ORDERS}/o1/fromuser", json={"FirstName": "Alice", "Email": "a@x.io"}, headers=alice
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["FromUser"]["FirstName"] == "Alice"
    user = await checkout.ok("GET", "/v1/buyers/b1/users/alice")
    assert user.json()["Email"] == "a@x.io"
    refused = await checkout.client.patch(f"{ORDERS}/o1/fromuser", json={"Username": "x"}, headers=alice)
    assert refused.status_code == 400
