from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, shopper

URL = "/v1/specs"
ASSIGN = f"{URL}/productassignments"


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_spec_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    made = await client.post(
        URL, json={"ID": "size", "Name": "Size", "ListOrder": 2, "Required": True, "xp": {"a": 1}}, headers=admin
    )
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/specs/size"
    assert made.json() == {
        "OwnerID": callers.marketplace_id,
        "ID": "size",
        "ListOrder": 2,
        "Name": "Size",
        "DefaultValue": None,
        "Required": True,
        "AllowOpenText": False,
        "DefaultOptionID": None,
        "DefinesVariant": False,
        "xp": {"a": 1},
        "OptionCount": 0,
        "Options": [],
    }
    engraving = await client.post(
        URL, json={"ID": "engraving", "Name": "Engraving", "AllowOpenText": True, "ListOrder": 1}, headers=admin
    )
    assert engraving.status_code == 201
    assert [s["ID"] for s in items(await client.get(URL, headers=admin))] == ["engraving", "size"]  # by ListOrder
    assert [s["ID"] for s in items(await client.get(URL, params={"AllowOpenText": "false"}, headers=admin))] == ["size"]

    patched = await client.patch(f"{URL}/size", json={"DefaultValue": "M", "OptionCount": 7}, headers=admin)
    assert patched.status_code == 200
    assert patched.json()["DefaultValue"] == "M"
    assert patched.json()["OptionCount"] == 0
    assert patched.json()["xp"] == {"a": 1}
    replaced = await client.put(f"{URL}/size", json={"Name": "Sizes"}, headers=admin)
    assert replaced.json()["Required"] is False
    assert replaced.json()["ListOrder"] == 0
    assert replaced.json()["xp"] is None
    renamed = await client.patch(f"{URL}/size", json={"ID": "sizing"}, headers=admin)
    assert renamed.json()["ID"] == "sizing"
    assert (await client.get(f"{URL}/size", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/sizing", headers=admin)).status_code == 204
    assert (await client.delete(f"{URL}/sizing", headers=admin)).status_code == 404
    reserved = await client.post(URL, json={"ID": "ProductAssignments", "Name": "X"}, headers=admin)
    assert reserved.status_code == 400
    assert error(reserved)["Data"] == {"Field": "ID"}


async def test_defines_variant_needs_required_without_open_text(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    for body, field in (
        ({"Name": "Color", "DefinesVariant": True}, "Required"),
        ({"Name": "Color", "DefinesVariant": True, "Required": True, "AllowOpenText": True}, "AllowOpenText"),
    ):
        response = await client.post(URL, json=body, headers=admin)
        assert response.status_code == 400, response.text
        assert error(response) == {
            "ErrorCode": "Spec.InvalidSpecConfiguration",
            "Message": "A spec that defines variants must be Required and may not AllowOpenText",
            "Data": {"Field": field},
        }
    made = await client.post(
        URL, json={"ID": "color", "Name": "Color", "DefinesVariant": True, "Required": True}, headers=admin
    )
    assert made.status_code == 201
    loosened = await client.patch(f"{URL}/color", json={"Required": False}, headers=admin)
    assert error(loosened)["ErrorCode"] == "Spec.InvalidSpecConfiguration"


async def test_options_and_default_option(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    early = await client.post(URL, json={"ID": "color", "Name": "Color", "DefaultOptionID": "red"}, headers=admin)
    assert early.status_code == 404  # DefaultOptionID can only name an option that exists
    assert error(early)["Data"] == {"ObjectType": "SpecOption", "ObjectID": "red"}
    assert (await client.post(URL, json={"ID": "color", "Name": "Color"}, headers=admin)).status_code == 201

    options = f"{URL}/color/options"
    red = await client.post(
        options,
        json={"ID": "red", "Value": "Red", "ListOrder": 2, "PriceMarkupType": "AmountPerQuantity", "PriceMarkup": 1.5},
        headers=admin,
    )
    assert red.status_code == 201, red.text
    assert red.headers["location"] == "/v1/specs/color/options/red"
    assert red.json() == {
        "ID": "red",
        "Value": "Red",
        "ListOrder": 2,
        "IsOpenText": False,
        "PriceMarkupType": "AmountPerQuantity",
        "PriceMarkup": 1.5,
        "xp": None,
    }
    assert (
        await client.post(options, json={"ID": "blue", "Value": "Blue", "ListOrder": 1}, headers=admin)
    ).status_code == 201
    spec = (await client.get(f"{URL}/color", headers=admin)).json()
    assert spec["OptionCount"] == 2
    assert [o["ID"] for o in spec["Options"]] == ["blue", "red"]
    assert [o["ID"] for o in items(await client.get(options, params={"search": "re"}, headers=admin))] == ["red"]
    assert [o["ID"] for o in items(await client.get(options, params={"PriceMarkup": ">1"}, headers=admin))] == ["red"]

    chosen = await client.patch(f"{URL}/color", json={"DefaultOptionID": "red"}, headers=admin)
    assert chosen.status_code == 200
    assert chosen.json()["DefaultOptionID"] == "red"
    assert (await client.patch(f"{options}/red", json={"ID": "crimson"}, headers=admin)).status_code == 200
    assert (await client.get(f"{URL}/color", headers=admin)).json()["DefaultOptionID"] == "crimson"
    assert (await client.delete(f"{options}/crimson", headers=admin)).status_code == 204
    after = (await client.get(f"{URL}/color", headers=admin)).json()
    assert after["DefaultOptionID"] is None
    assert after["OptionCount"] == 1

    saved = await client.put(f"{options}/blue", json={"Value": "Navy"}, headers=admin)
    assert saved.json() == {
        "ID": "blue",
        "Value": "Navy",
        "ListOrder": 0,
        "IsOpenText": False,
        "PriceMarkupType": None,
        "PriceMarkup": None,
        "xp": None,
    }
    for body, field in (
        ({}, "Value"),
        ({"Value": "x", "PriceMarkupType": "Discount"}, "PriceMarkupType"),
        ({"Value": "x", "PriceMarkup": "1"}, "PriceMarkup"),
        ({"Value": "v" * 2001}, "Value"),
        ({"Value": "x", "ListOrder": 2**31}, "ListOrder"),
    ):
        response = await client.post(options, json=body, headers=admin)
        assert response.status_code == 400, response.text
        assert error(response)["Data"] == {"Field": field}
    assert (await client.get(f"{URL}/nope/options", headers=admin)).status_code == 404
    assert (await client.get(f"{options}/nope", headers=admin)).status_code == 404
    assert (await client.post(f"{URL}/nope/options", json={"Value": "x"}, headers=admin)).status_code == 404
    duplicate = await client.post(options, json={"ID": "blue", "Value": "again"}, headers=admin)
    assert duplicate.status_code == 409
    # Option IDs are unique within their spec only.
    assert (await client.post(URL, json={"ID": "trim", "Name": "Trim"}, headers=admin)).status_code == 201
    assert (
        await client.post(f"{URL}/trim/options", json={"ID": "blue", "Value": "Blue"}, headers=admin)
    ).status_code == 201
    assert (await client.delete(f"{URL}/color", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/trim/options/blue", headers=admin)).status_code == 200


async def test_product_assignments(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    for body in (
        {"ID": "shirt", "Name": "Shirt"},
        {"ID": "mug", "Name": "Mug"},
        {"ID": "box", "Name": "Box", "IsParent": True},
    ):
        assert (await client.post("/v1/products", json=body, headers=admin)).status_code == 201
    assert (
        await client.post(URL, json={"ID": "size", "Name": "Size", "DefaultValue": "M"}, headers=admin)
    ).status_code == 201
    assert (await client.post(f"{URL}/size/options", json={"ID": "l", "Value": "L"}, headers=admin)).status_code == 201
    variant_spec = {"ID": "color", "Name": "Color", "DefinesVariant": True, "Required": True}
    assert (await client.post(URL, json=variant_spec, headers=admin)).status_code == 201

    saved = await client.post(
        ASSIGN, json={"SpecID": "size", "ProductID": "shirt", "DefaultOptionID": "l"}, headers=admin
    )
    assert saved.status_code == 204, saved.text
    again = await client.post(
        ASSIGN, json={"SpecID": "size", "ProductID": "shirt", "DefaultValue": "XL"}, headers=admin
    )
    assert again.status_code == 204
    assert (await client.post(ASSIGN, json={"SpecID": "size", "ProductID": "mug"}, headers=admin)).status_code == 204
    assert (await client.post(ASSIGN, json={"SpecID": "color", "ProductID": "shirt"}, headers=admin)).status_code == 204
    assert items(await client.get(ASSIGN, params={"ProductID": "shirt"}, headers=admin)) == [
        {"SpecID": "color", "ProductID": "shirt", "DefaultValue": None, "DefaultOptionID": None},
        {"SpecID": "size", "ProductID": "shirt", "DefaultValue": "XL", "DefaultOptionID": None},
    ]
    assert len(items(await client.get(ASSIGN, params={"search": "mug"}, headers=admin))) == 1
    product = (await client.get("/v1/products/shirt", headers=admin)).json()
    assert product["SpecCount"] == 2

    specs = items(await client.get("/v1/products/shirt/specs", headers=admin))
    assert [(s["ID"], s["DefaultValue"]) for s in specs] == [("color", None), ("size", "XL")]  # the product's default
    mug_specs = items(await client.get("/v1/products/mug/specs", headers=admin))
    assert mug_specs[0]["DefaultValue"] == "M"
    assert mug_specs[0]["Options"][0]["ID"] == "l"
    assert (await client.get("/v1/products/none/specs", headers=admin)).status_code == 404

    for body, status, code in (
        ({"SpecID": "nope", "ProductID": "shirt"}, 404, "NotFound"),
        ({"SpecID": "size", "ProductID": "nope"}, 404, "NotFound"),
        ({"SpecID": "size", "ProductID": "shirt", "DefaultOptionID": "xs"}, 404, "NotFound"),
        (
            {"SpecID": "color", "ProductID": "box"},
            400,
            "ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec",
        ),
        ({"ProductID": "shirt"}, 400, "ValidationFailure"),
    ):
        response = await client.post(ASSIGN, json=body, headers=admin)
        assert response.status_code == status, response.text
        assert error(response)["ErrorCode"] == code
    # The product cannot become a parent while it has a variant spec.
    parent = await client.patch("/v1/products/shirt", json={"IsParent": True}, headers=admin)
    assert error(parent)["ErrorCode"] == "ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec"
    # Nor can a spec assigned to a parent product start to define variants.
    assert (await client.post(ASSIGN, json={"SpecID": "size", "ProductID": "box"}, headers=admin)).status_code == 204
    variant = await client.patch(f"{URL}/size", json={"DefinesVariant": True, "Required": True}, headers=admin)
    assert variant.status_code == 400
    assert error(variant)["ErrorCode"] == "ProductAssigment.ParentChildProductCannotBeAssignedToVariantSpec"
    assert (await client.delete(f"{URL}/size/productassignments/box", headers=admin)).status_code == 204

    assert (await client.delete(f"{URL}/size/productassignments/shirt", headers=admin)).status_code == 204
    assert (await client.delete(f"{URL}/size/productassignments/shirt", headers=admin)).status_code == 204
    assert (await client.delete(f"{URL}/nope/productassignments/shirt", headers=admin)).status_code == 404
    assert (await client.get("/v1/products/shirt", headers=admin)).json()["SpecCount"] == 1
    assert (await client.delete("/v1/products/mug", headers=admin)).status_code == 204  # its assignments go
    assert items(await client.get(ASSIGN, params={"SpecID": "size"}, headers=admin)) == []


@pytest.mark.parametrize("role", [Role.ProductReader, Role.ProductFacetAdmin])
async def test_roles(client: httpx.AsyncClient, callers: Callers, role: Role) -> None:
    headers = await callers.headers(role)
    write = await client.post(URL, json={"Name": "X"}, headers=headers)
    assert write.status_code == 403
    assert error(write)["ErrorCode"] == "Auth.InsufficientRoles"
    read = await client.get(URL, headers=headers)
    assert read.status_code == (200 if role is Role.ProductReader else 403)
    await callers.buyer("b1")
    buyer_user = await shopper(callers, "b1", "u1", Role.ProductAdmin)
    refused = await client.get(URL, headers=buyer_user)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
