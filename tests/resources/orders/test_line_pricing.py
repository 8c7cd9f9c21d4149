"""Line prices through the API, checked against hand-computed values to the cent: price breaks, cumulative
quantity over several lines, restricted quantities, sale windows, each spec markup type and their sum, variants,
an overridden UnitPrice, and the order's totals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import error
from tests.resources.orders.conftest import ORDERS, Checkout

BREAKS = [{"Quantity": 1, "Price": 10}, {"Quantity": 10, "Price": 8}, {"Quantity": 50, "Price": 6.5}]


async def _lines(checkout: Checkout, headers: dict[str, str], order_id: str) -> dict[str, dict[str, Any]]:
    response = await checkout.client.get(f"{ORDERS}/{order_id}/lineitems", headers=headers)
    return {item["ID"]: item for item in response.json()["Items"]}


@pytest.mark.parametrize(("quantity", "unit", "subtotal"), [(1, 10, 10), (9, 10, 90), (10, 8, 80), (50, 6.5, 325)])
async def test_the_break_for_the_quantity(checkout: Checkout, quantity: int, unit: float, subtotal: float) -> None:
    await checkout.priced_product("p1", 0, schedule={"PriceBreaks": BREAKS})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    line = await checkout.line(alice, "o1", "p1", quantity)
    assert (line.json()["UnitPrice"], line.json()["LineSubtotal"]) == (unit, subtotal)


async def test_cumulative_quantity_prices_every_line_of_the_product_together(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 0, schedule={"PriceBreaks": BREAKS, "UseCumulativeQuantity": True})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    await checkout.line(alice, "o1", "p1", 6, ID="a")
    assert (await _lines(checkout, alice, "o1"))["a"]["UnitPrice"] == 10
    await checkout.line(alice, "o1", "p1", 4, ID="b")  # 10 together: both lines drop to the 10-break
    lines = await _lines(checkout, alice, "o1")
    assert [(lines[i]["UnitPrice"], lines[i]["LineSubtotal"]) for i in ("a", "b")] == [(8, 48), (8, 32)]
    assert (await checkout.get_order(alice, "o1"))["Total"] == 80
    await checkout.client.delete(f"{ORDERS}/o1/lineitems/b", headers=alice)
    assert (await _lines(checkout, alice, "o1"))["a"]["UnitPrice"] == 10
    assert (await checkout.get_order(alice, "o1"))["Total"] == 60


async def test_quantity_rules(checkout: Checkout) -> None:
    schedule = {"PriceBreaks": [{"Quantity": 5, "Price": 2}, {"Quantity": 10, "Price": 1}], "MinQuantity": 5}
    await checkout.priced_product("p1", 0, schedule=schedule | {"RestrictedQuantity": True, "MaxQuantity": 10})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    assert error(await checkout.line(alice, "o1", "p1", 4))["ErrorCode"] == "PriceSchedule.CannotBeLessThanMin"
    assert error(await checkout.line(alice, "o1", "p1", 11))["ErrorCode"] == "PriceSchedule.CannotExceedMax"
    assert error(await checkout.line(alice, "o1", "p1", 7))["ErrorCode"] == "PriceSchedule.QuantityNotAllowed"
    assert (await checkout.line(alice, "o1", "p1", 10)).json()["LineTotal"] == 10
    assert (await checkout.get_order(alice, "o1"))["LineItemCount"] == 1


async def test_sale_prices_apply_inside_their_window(checkout: Checkout) -> None:
    now = datetime.now(UTC)
    on = {"SaleStart": (now - timedelta(days=1)).isoformat(), "SaleEnd": (now + timedelta(days=1)).isoformat()}
    later = {"SaleStart": (now + timedelta(days=1)).isoformat()}
    sale_breaks = [{"Quantity": 1, "Price": 10, "SalePrice": 7.25}]
    await checkout.priced_product("now", 0, schedule={"PriceBreaks": sale_breaks} | on)
    await checkout.priced_product("soon", 0, schedule={"PriceBreaks": sale_breaks} | later)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    current = await checkout.line(alice, "o1", "now", 2)
    assert (current.json()["UnitPrice"], current.json()["IsOnSale"], current.json()["LineTotal"]) == (7.25, True, 14.5)
    upcoming = await checkout.line(alice, "o1", "soon", 2)
    assert (upcoming.json()["UnitPrice"], upcoming.json()["IsOnSale"]) == (10, False)


async def _spec(checkout: Checkout, spec_id: str, options: list[dict[str, Any]], **fields: Any) -> None:
    await checkout.ok("POST", "/v1/specs", {"ID": spec_id, "Name": spec_id} | fields)
    for option in options:
        await checkout.ok("POST", f"/v1/specs/{spec_id}/options", option)


async def test_each_markup_type_and_their_sum(checkout: Checkout) -> None:
    """SEMANTICS.md §5.4 with P = 50, M = 10: NoMarkup 500, AmountPerQuantity 600, AmountTotal 510, Percentage 550
    for Q = 10; all three markups together: 50 + 10 + 5 per unit plus 10 once = 660."""
    await checkout.priced_product("p1", 50)
    options: list[dict[str, Any]] = [
        {"ID": "none", "Value": "none", "PriceMarkupType": "NoMarkup", "PriceMarkup": 10},
        {"ID": "per", "Value": "per", "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 10},
        {"ID": "once", "Value": "once", "PriceMarkupType": "AmountTotal", "PriceMarkup": 10},
        {"ID": "pct", "Value": "pct", "PriceMarkupType": "Percentage", "PriceMarkup": 10},
    ]
    await _spec(checkout, "finish", options)
    await _spec(checkout, "engrave", [dict(o, ID=f"e-{o['ID']}") for o in options])
    await _spec(checkout, "wrap", [dict(o, ID=f"w-{o['ID']}") for o in options])
    for spec_id in ("finish", "engrave", "wrap"):
        await checkout.ok("POST", "/v1/specs/productassignments", {"SpecID": spec_id, "ProductID": "p1"})
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    expected = {"none": (50, 500), "per": (60, 600), "once": (51, 510), "pct": (55, 550)}
    for option, (unit, subtotal) in expected.items():
        line = await checkout.line(alice, "o1", "p1", 10, Specs=[{"SpecID": "finish", "OptionID": option}])
        assert (line.json()["UnitPrice"], line.json()["LineSubtotal"]) == (unit, subtotal), option
        assert line.json()["Specs"][0]["PriceMarkupType"] is not None
    combined = [
        {"SpecID": "finish", "OptionID": "per"},
        {"SpecID": "engrave", "OptionID": "e-once"},
        {"SpecID": "wrap", "OptionID": "w-pct"},
    ]
    line = await checkout.line(alice, "o1", "p1", 10, Specs=combined)
    assert (line.json()["UnitPrice"], line.json()["LineSubtotal"]) == (66, 660)
    assert (await checkout.get_order(alice, "o1"))["Subtotal"] == 500 + 600 + 510 + 550 + 660
    one = await checkout.line(alice, "o1", "p1", 3, Specs=[{"SpecID": "finish", "OptionID": "once"}])
    assert (one.json()["UnitPrice"], one.json()["LineSubtotal"]) == (53.3333, 160)  # 50*3 + 10 once
    unknown = await checkout.line(alice, "o1", "p1", 1, Specs=[{"SpecID": "finish", "OptionID": "gold"}])
    assert error(unknown)["ErrorCode"] == "Spec.OptionNotFound"


async def test_required_specs_and_variants(checkout: Checkout) -> None:
    await checkout.priced_product("shirt", 20)
    sizes: list[dict[str, Any]] = [
        {"ID": "s", "Value": "Small"},
        {"ID": "l", "Value": "Large", "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 2},
    ]
    await _spec(checkout, "size", sizes, Required=True, DefinesVariant=True)
    await checkout.ok("POST", "/v1/specs/productassignments", {"SpecID": "size", "ProductID": "shirt"})
    await checkout.ok("POST", "/v1/products/shirt/variants/generate")
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    assert error(await checkout.line(alice, "o1", "shirt", 1))["ErrorCode"] == "Spec.RequiresSelection"
    large = await checkout.line(alice, "o1", "shirt", 2, Specs=[{"SpecID": "size", "OptionID": "l"}])
    assert large.status_code == 201, large.text
    assert large.json()["Variant"]["ID"] == "shirt-l"
    assert (large.json()["UnitPrice"], large.json()["LineTotal"]) == (22, 44)
    assert large.json()["Specs"] == [
        {
            "SpecID": "size",
            "Name": "size",
            "OptionID": "l",
            "Value": "Large",
            "PriceMarkupType": "AmountPerQuantity",
            "PriceMarkup": 2.0,
        }
    ]
    await checkout.ok("PATCH", "/v1/products/shirt/variants/shirt-s", {"Active": False})
    small = await checkout.line(alice, "o1", "shirt", 1, Specs=[{"SpecID": "size", "OptionID": "s"}])
    assert error(small)["ErrorCode"] == "LineItem.VariantNotFound"


async def test_unit_price_is_overridden_only_with_the_role(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 10)
    alice = await checkout.user("b1", "alice")
    await checkout.order(alice, ID="o1")
    ignored = await checkout.line(alice, "o1", "p1", 2, UnitPrice=1)
    assert (ignored.json()["UnitPrice"], ignored.json()["PriceOverridden"]) == (10, False)
    trusted = await checkout.user("b1", "bob", Role.Shopper, Role.OverrideUnitPrice)
    await checkout.order(trusted, ID="o2")
    line = await checkout.line(trusted, "o2", "p1", 3, UnitPrice=4.125)
    assert (line.json()["UnitPrice"], line.json()["LineSubtotal"], line.json()["PriceOverridden"]) == (
        4.125,
        12.38,
        True,
    )
    reverted = await checkout.client.patch(
        f"{ORDERS}/o2/lineitems/{line.json()['ID']}", json={"UnitPrice": None}, headers=trusted
    )
    assert (reverted.json()["UnitPrice"], reverted.json()["PriceOverridden"]) == (10, False)


async def test_order_totals_add_costs_to_the_cent(checkout: Checkout) -> None:
    await checkout.priced_product("p1", 3.3333)
    buyer = await checkout.user("b1", "alice", Role.Shopper, Role.OverrideShipping, Role.OverrideTax)
    order = await checkout.order(buyer, ID="o1", ShippingCost=4.99, TaxCost=1.015, Gratuity=2)
    assert (order["ShippingCost"], order["TaxCost"], order["Gratuity"]) == (4.99, 1.02, 2)
    await checkout.line(buyer, "o1", "p1", 3)  # 9.9999 -> 10.00
    await checkout.line(buyer, "o1", "p1", 1)  # 3.3333 -> 3.33
    totals = await checkout.get_order(buyer, "o1")
    assert (totals["Subtotal"], totals["Total"]) == (13.33, 13.33 + 4.99 + 1.02 + 2)
    plain = await checkout.user("b1", "carol")
    refused = await checkout.client.post(ORDERS, json={"ShippingCost": 1}, headers=plain)
    assert (refused.status_code, error(refused)["ErrorCode"]) == (403, "Order.OverrideShippingPermission")
