from __future__ import annotations

from typing import Any

import httpx

from mercato.auth.roles import Role
from mercato.resources.products.generation import VARIANT_LIMIT
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error

PRODUCTS = "/v1/products"
SPECS = "/v1/specs"


async def variant_spec(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    spec_id: str,
    option_ids: list[str],
    *,
    list_order: int = 0,
    product_id: str = "shirt",
) -> None:
    body = {"ID": spec_id, "Name": spec_id.title(), "DefinesVariant": True, "Required": True, "ListOrder": list_order}
    assert (await client.post(SPECS, json=body, headers=headers)).status_code == 201
    for index, option_id in enumerate(option_ids):
        option = {"ID": option_id, "Value": option_id.upper(), "ListOrder": index}
        assert (await client.post(f"{SPECS}/{spec_id}/options", json=option, headers=headers)).status_code == 201
    assigned = await client.post(
        f"{SPECS}/productassignments", json={"SpecID": spec_id, "ProductID": product_id}, headers=headers
    )
    assert assigned.status_code == 204, assigned.text


async def generate(
    client: httpx.AsyncClient, headers: dict[str, str], *, overwrite: bool = False, body: dict[str, Any] | None = None
) -> httpx.Response:
    params = {"overwriteExisting": "true"} if overwrite else {}
    return await client.post(f"{PRODUCTS}/shirt/variants/generate", params=params, json=body or {}, headers=headers)


async def variant_ids(client: httpx.AsyncClient, headers: dict[str, str], product_id: str = "shirt") -> list[str]:
    response = await client.get(f"{PRODUCTS}/{product_id}/variants", params={"pageSize": "100"}, headers=headers)
    assert response.status_code == 200, response.text
    return [variant["ID"] for variant in response.json()["Items"]]


async def test_generation_adds_only_missing_combinations(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    shirt = {"ID": "shirt", "Name": "Shirt", "Active": True}
    assert (await client.post(PRODUCTS, json=shirt, headers=admin)).status_code == 201
    await variant_spec(client, admin, "size", ["s", "l"], list_order=1)
    await variant_spec(client, admin, "color", ["red", "black"], list_order=2)
    plain = {"ID": "note", "Name": "Note"}  # a spec that does not define variants plays no part
    assert (await client.post(SPECS, json=plain, headers=admin)).status_code == 201
    assert (
        await client.post(f"{SPECS}/productassignments", json={"SpecID": "note", "ProductID": "shirt"}, headers=admin)
    ).status_code == 204

    made = await generate(client, admin)
    assert made.status_code == 201, made.text
    assert made.json()["ID"] == "shirt"
    assert made.json()["VariantCount"] == 4
    assert made.json()["SpecCount"] == 3
    assert await variant_ids(client, admin) == ["shirt-l-black", "shirt-l-red", "shirt-s-black", "shirt-s-red"]
    variant = (await client.get(f"{PRODUCTS}/shirt/variants/shirt-s-red", headers=admin)).json()
    assert variant == {
        "ID": "shirt-s-red",
        "Name": "shirt-s-red",
        "Description": None,
        "Active": True,  # the product's
        "ShipWeight": None,
        "ShipHeight": None,
        "ShipWidth": None,
        "ShipLength": None,
        "Inventory": {"QuantityAvailable": None, "NotificationPoint": None, "LastUpdated": None},
        "Specs": [
            {
                "SpecID": "size",
                "Name": "Size",
                "OptionID": "s",
                "Value": "S",
                "PriceMarkupType": None,
                "PriceMarkup": None,
            },
            {
                "SpecID": "color",
                "Name": "Color",
                "OptionID": "red",
                "Value": "RED",
                "PriceMarkupType": None,
                "PriceMarkup": None,
            },
        ],
        "xp": None,
    }

    # Survivors keep what was done to them; only the new option's combinations are added.
    kept = await client.patch(
        f"{PRODUCTS}/shirt/variants/shirt-s-red", json={"ID": "SKU-1", "xp": {"sku": 1}}, headers=admin
    )
    assert kept.status_code == 200, kept.text
    assert (
        await client.post(f"{SPECS}/color/options", json={"ID": "blue", "Value": "Blue", "ListOrder": 5}, headers=admin)
    ).status_code == 201
    again = await generate(client, admin, body={"Active": False})
    assert again.json()["VariantCount"] == 6
    ids = await variant_ids(client, admin)
    assert ids == ["shirt-l-black", "shirt-l-blue", "shirt-l-red", "shirt-s-black", "shirt-s-blue", "SKU-1"]  # no case
    assert (await client.get(f"{PRODUCTS}/shirt/variants/SKU-1", headers=admin)).json()["xp"] == {"sku": 1}
    blue = (await client.get(f"{PRODUCTS}/shirt/variants/shirt-l-blue", headers=admin)).json()
    assert blue["Active"] is False  # VariantOverrides.Active
    assert (await client.get(f"{PRODUCTS}/shirt/variants/shirt-l-red", headers=admin)).json()["Active"] is True

    # A spec removed: its variants survive; a new one makes new combinations.
    assert (await client.delete(f"{SPECS}/color/productassignments/shirt", headers=admin)).status_code == 204
    await variant_spec(client, admin, "logo", ["a"], list_order=3)
    assert (await generate(client, admin)).json()["VariantCount"] == 8
    assert {"shirt-s-a", "shirt-l-a", "SKU-1"} <= set(await variant_ids(client, admin))
    unchanged = await generate(client, admin)
    assert unchanged.status_code == 201
    assert unchanged.json()["VariantCount"] == 8

    # overwriteExisting deletes every variant and generates the current combinations.
    overwritten = await generate(client, admin, overwrite=True)
    assert overwritten.status_code == 201
    assert overwritten.json()["VariantCount"] == 2
    assert await variant_ids(client, admin) == ["shirt-l-a", "shirt-s-a"]


async def test_generation_limits_and_refusals(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(PRODUCTS, json={"ID": "shirt", "Name": "Shirt"}, headers=admin)).status_code == 201
    nothing = await generate(client, admin)
    assert nothing.status_code == 201
    assert nothing.json()["VariantCount"] == 0
    empty = {"ID": "empty", "Name": "Empty", "DefinesVariant": True, "Required": True}
    assert (await client.post(SPECS, json=empty, headers=admin)).status_code == 201
    assert (
        await client.post(f"{SPECS}/productassignments", json={"SpecID": "empty", "ProductID": "shirt"}, headers=admin)
    ).status_code == 204
    assert (await generate(client, admin)).json()["VariantCount"] == 0  # a variant spec without options is skipped

    # 40 x 40 = 1600 combinations > 1500: refused before anything is written.
    await variant_spec(client, admin, "a", [f"a{i}" for i in range(40)])
    await variant_spec(client, admin, "b", [f"b{i}" for i in range(40)])
    too_many = await generate(client, admin, overwrite=True)
    assert too_many.status_code == 400, too_many.text
    assert error(too_many)["ErrorCode"] == "Variant.ExceededLimit"
    assert error(too_many)["Data"] == {"Limit": VARIANT_LIMIT, "Count": 1600}
    assert (await client.get(f"{PRODUCTS}/shirt", headers=admin)).json()["VariantCount"] == 0

    assert (await client.delete(f"{SPECS}/b/productassignments/shirt", headers=admin)).status_code == 204
    assert (await generate(client, admin)).json()["VariantCount"] == 40
    # Existing variants count toward the limit too: 40 + 40 x 37 > 1500.
    await variant_spec(client, admin, "c", [f"c{i}" for i in range(37)])
    added_up = await generate(client, admin)
    assert error(added_up)["Data"] == {"Limit": VARIANT_LIMIT, "Count": 40 + 40 * 37}
    assert (await generate(client, admin, overwrite=True)).json()["VariantCount"] == 40 * 37

    long_id = "p" * 95
    assert (await client.post(PRODUCTS, json={"ID": long_id, "Name": "Long"}, headers=admin)).status_code == 201
    await variant_spec(client, admin, "d", ["option-id"], product_id=long_id)
    too_long = await client.post(f"{PRODUCTS}/{long_id}/variants/generate", json={}, headers=admin)
    assert too_long.status_code == 400
    assert error(too_long)["Data"] == {"Field": "ID"}

    assert (
        await client.post(PRODUCTS, json={"ID": "kit", "Name": "Kit", "IsParent": True}, headers=admin)
    ).status_code == 201
    parent = await client.post(f"{PRODUCTS}/kit/variants/generate", json={}, headers=admin)
    assert parent.status_code == 400
    assert error(parent)["ErrorCode"] == "Product.ParentChildProductsCannotHaveVariants"
    missing = await client.post(f"{PRODUCTS}/nope/variants/generate", json={}, headers=admin)
    assert missing.status_code == 404
    bad_flag = await client.post(f"{PRODUCTS}/shirt/variants/generate?overwriteExisting=maybe", json={}, headers=admin)
    assert bad_flag.status_code == 400
    assert error(bad_flag)["Data"] == {"Field": "overwriteExisting"}
    bad_body = await client.post(f"{PRODUCTS}/shirt/variants/generate", json={"Active": "yes"}, headers=admin)
    assert bad_body.status_code == 400


async def test_a_taken_generated_id_is_a_conflict(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(PRODUCTS, json={"ID": "shirt", "Name": "Shirt"}, headers=admin)).status_code == 201
    await variant_spec(client, admin, "size", ["s"])
    assert (await generate(client, admin)).json()["VariantCount"] == 1
    assert (await client.delete(f"{SPECS}/size/productassignments/shirt", headers=admin)).status_code == 204
    await variant_spec(client, admin, "fit", ["s"])  # the same option ID in another spec: the same generated ID
    clash = await generate(client, admin)
    assert clash.status_code == 409
    assert error(clash)["Data"] == {"ObjectType": "Variant", "ObjectID": "shirt-s"}
    assert (await generate(client, admin, overwrite=True)).json()["VariantCount"] == 1


async def test_variant_save_patch_and_inventory(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(PRODUCTS, json={"ID": "shirt", "Name": "Shirt"}, headers=admin)).status_code == 201
    await variant_spec(client, admin, "size", ["s", "m"])
    await generate(client, admin)
    url = f"{PRODUCTS}/shirt/variants/shirt-s"
    original = (await client.get(url, headers=admin)).json()

    patched = await client.patch(
        url, json={"Description": "Small", "Inventory": {"QuantityAvailable": 3}, "ShipWeight": 0.5}, headers=admin
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["Description"] == "Small"
    assert body["ShipWeight"] == 0.5
    assert body["Specs"] == original["Specs"]
    assert body["Inventory"]["QuantityAvailable"] == 3
    assert body["Inventory"]["LastUpdated"] is not None
    stamp = body["Inventory"]["LastUpdated"]
    same = await client.patch(url, json={"Inventory": {"NotificationPoint": 1}, "Specs": []}, headers=admin)
    assert same.json()["Inventory"] == {"QuantityAvailable": 3, "NotificationPoint": 1, "LastUpdated": stamp}
    assert same.json()["Specs"] == original["Specs"]  # read-only

    saved = await client.put(url, json={"Name": "Small shirt", "Active": True}, headers=admin)
    assert saved.status_code == 200
    assert saved.json()["Description"] is None
    assert saved.json()["Name"] == "Small shirt"
    assert saved.json()["Specs"] == original["Specs"]
    assert saved.json()["Inventory"]["QuantityAvailable"] is None
    assert (await client.get(f"{PRODUCTS}/shirt/variants", params={"Active": "true"}, headers=admin)).json()["Meta"][
        "TotalCount"
    ] == 1
    listed = await client.get(f"{PRODUCTS}/shirt/variants", params={"search": "small"}, headers=admin)
    assert [v["ID"] for v in listed.json()["Items"]] == ["shirt-s"]

    renamed = await client.put(url, json={"ID": "S-001", "Name": "Small"}, headers=admin)
    assert renamed.json()["ID"] == "S-001"
    clash = await client.patch(f"{PRODUCTS}/shirt/variants/S-001", json={"ID": "shirt-m"}, headers=admin)
    assert clash.status_code == 409
    reserved = await client.patch(f"{PRODUCTS}/shirt/variants/S-001", json={"ID": "generate"}, headers=admin)
    assert reserved.status_code == 400

    for response in (
        await client.put(f"{PRODUCTS}/shirt/variants/nope", json={"Name": "x"}, headers=admin),  # no create by PUT
        await client.patch(f"{PRODUCTS}/shirt/variants/nope", json={}, headers=admin),
        await client.get(f"{PRODUCTS}/shirt/variants/nope", headers=admin),
        await client.get(f"{PRODUCTS}/nope/variants", headers=admin),
    ):
        assert response.status_code == 404
    bad = await client.patch(f"{PRODUCTS}/shirt/variants/S-001", json={"Name": "n" * 101}, headers=admin)
    assert bad.status_code == 400
    assert error(bad)["Data"] == {"Field": "Name"}

    # Renaming the product carries its variants along; deleting it removes them.
    assert (await client.patch(f"{PRODUCTS}/shirt", json={"ID": "tee"}, headers=admin)).status_code == 200
    assert await variant_ids(client, admin, "tee") == ["S-001", "shirt-m"]
    assert (await client.delete(f"{PRODUCTS}/tee", headers=admin)).status_code == 204
    assert (await client.post(PRODUCTS, json={"ID": "tee", "Name": "Tee"}, headers=admin)).status_code == 201
    assert await variant_ids(client, admin, "tee") == []


async def test_variant_specs_follow_their_spec_and_option(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(PRODUCTS, json={"ID": "shirt", "Name": "Shirt"}, headers=admin)).status_code == 201
    await variant_spec(client, admin, "size", ["s", "m"])
    await generate(client, admin)
    changed = await client.patch(
        f"{SPECS}/size/options/s",
        json={"ID": "small", "Value": "Small", "PriceMarkupType": "AmountTotal", "PriceMarkup": 2},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    assert (
        await client.patch(f"{SPECS}/size", json={"ID": "sizing", "Name": "Sizing"}, headers=admin)
    ).status_code == 200
    small = (await client.get(f"{PRODUCTS}/shirt/variants/shirt-s", headers=admin)).json()
    assert small["Specs"] == [
        {
            "SpecID": "sizing",
            "Name": "Sizing",
            "OptionID": "small",
            "Value": "Small",
            "PriceMarkupType": "AmountTotal",
            "PriceMarkup": 2,
        }
    ]
    # Deleting the option or the spec leaves the variant its copy.
    assert (await client.delete(f"{SPECS}/sizing/options/m", headers=admin)).status_code == 204
    assert (await client.delete(f"{SPECS}/sizing", headers=admin)).status_code == 204
    medium = (await client.get(f"{PRODUCTS}/shirt/variants/shirt-m", headers=admin)).json()
    assert medium["Specs"][0] | {} == {
        "SpecID": "sizing",
        "Name": "Sizing",
        "OptionID": "m",
        "Value": "M",
        "PriceMarkupType": None,
        "PriceMarkup": None,
    }


async def test_a_product_with_variants_becomes_neither_parent_nor_child(
    client: httpx.AsyncClient, callers: Callers
) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(PRODUCTS, json={"ID": "shirt", "Name": "Shirt"}, headers=admin)).status_code == 201
    assert (
        await client.post(PRODUCTS, json={"ID": "kit", "Name": "Kit", "IsParent": True}, headers=admin)
    ).status_code == 201
    await variant_spec(client, admin, "size", ["s"])
    await generate(client, admin)
    assert (await client.delete(f"{SPECS}/size/productassignments/shirt", headers=admin)).status_code == 204
    for changes, code in (
        ({"IsParent": True}, "Product.CannotModifyIsParentForVariant"),
        ({"ParentID": "kit"}, "Product.CannotModifyParentIDForVariant"),
    ):
        response = await client.patch(f"{PRODUCTS}/shirt", json=changes, headers=admin)
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == code
