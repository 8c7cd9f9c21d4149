from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, shopper
from tests.resources.products import catalog_rows

URL = "/v1/products"
PRODUCT: dict[str, Any] = {
    "ID": "shirt",
    "Name": "Shirt",
    "Description": "A cotton shirt",
    "QuantityMultiplier": 2,
    "ShipWeight": 0.25,
    "ShipHeight": 1,
    "ShipWidth": 20.5,
    "ShipLength": 30,
    "Active": True,
    "Returnable": True,
    "Inventory": {"Enabled": True, "NotificationPoint": 3, "OrderCanExceed": False, "QuantityAvailable": 10},
    "xp": {"Brand": "Acme"},
}


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


def ids(response: httpx.Response) -> list[str]:
    return [item["ID"] for item in items(response)]


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    made = await client.post(URL, json=PRODUCT, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/products/shirt"
    product = made.json()
    assert product["OwnerID"] == callers.marketplace_id  # the marketplace owns what its users create
    assert product["IsBundle"] is False
    assert product["SpecCount"] == 0
    assert product["VariantCount"] == 0
    assert product["DateCreated"] is not None
    assert product["Inventory"]["LastUpdated"] is not None  # QuantityAvailable was set
    assert '"ShipWeight":0.25' in made.text
    sent = {key: value for key, value in PRODUCT.items() if key != "Inventory"}
    assert {key: product[key] for key in sent} == sent
    assert (await client.get(f"{URL}/shirt", headers=admin)).json() == product

    generated = await client.post(URL, json={"Name": "Socks"}, headers=admin)
    assert generated.status_code == 201, generated.text
    socks = generated.json()
    assert len(socks["ID"]) == 22
    assert socks["QuantityMultiplier"] == 1
    assert socks["Active"] is False
    assert socks["xp"] is None
    assert socks["Inventory"] == {
        "Enabled": False,
        "NotificationPoint": None,
        "VariantLevelTracking": False,
        "OrderCanExceed": False,
        "QuantityAvailable": None,
        "LastUpdated": None,
    }

    assert ids(await client.get(URL, headers=admin)) == ["shirt", socks["ID"]]  # by Name
    assert (await client.delete(f"{URL}/shirt", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/shirt", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/shirt", headers=admin)).status_code == 404
    duplicate = await client.post(URL, json={"ID": socks["ID"], "Name": "Again"}, headers=admin)
    assert duplicate.status_code == 409
    assert error(duplicate)["ErrorCode"] == "IdExists"


async def test_patch_merges_inventory_and_xp_and_put_replaces(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    made = (await client.post(URL, json=PRODUCT, headers=admin)).json()
    stamp = made["Inventory"]["LastUpdated"]

    patched = await client.patch(
        f"{URL}/shirt", json={"Inventory": {"NotificationPoint": 1}, "xp": {"Size": "L"}}, headers=admin
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["Inventory"] == made["Inventory"] | {"NotificationPoint": 1}  # LastUpdated unchanged: no new quantity
    assert body["xp"] == {"Brand": "Acme", "Size": "L"}
    assert body["Name"] == "Shirt"
    assert body["DateCreated"] == made["DateCreated"]

    restocked = (await client.patch(f"{URL}/shirt", json={"Inventory": {"QuantityAvailable": 4}}, headers=admin)).json()
    assert restocked["Inventory"]["QuantityAvailable"] == 4
    assert restocked["Inventory"]["LastUpdated"] > stamp
    assert restocked["Inventory"]["Enabled"] is True
    assert restocked["Inventory"]["NotificationPoint"] == 1

    ignored = await client.patch(
        f"{URL}/shirt",
        json={"Inventory": {"LastUpdated": "2001-01-01T00:00:00Z"}, "IsBundle": True, "SpecCount": 9, "OwnerID": "x"},
        headers=admin,
    )
    assert ignored.status_code == 200, ignored.text
    assert ignored.json()["Inventory"]["LastUpdated"] == restocked["Inventory"]["LastUpdated"]
    assert ignored.json()["IsBundle"] is False
    assert ignored.json()["SpecCount"] == 0
    assert ignored.json()["OwnerID"] == callers.marketplace_id  # OwnerID is written on create only

    replaced = await client.put(f"{URL}/shirt", json={"Name": "Plain shirt"}, headers=admin)
    assert replaced.status_code == 200, replaced.text
    plain = replaced.json()
    assert plain["Description"] is None
    assert plain["xp"] is None
    assert plain["Active"] is False
    assert plain["Inventory"]["Enabled"] is False
    assert plain["Inventory"]["QuantityAvailable"] is None
    assert plain["Inventory"]["LastUpdated"] > restocked["Inventory"]["LastUpdated"]  # 4 -> null is a change
    assert plain["DateCreated"] == made["DateCreated"]
    assert plain["OwnerID"] == callers.marketplace_id

    created = await client.put(f"{URL}/new-one", json={"Name": "New"}, headers=admin)
    assert created.status_code == 200
    assert created.json()["ID"] == "new-one"

    renamed = await client.patch(f"{URL}/new-one", json={"ID": "newer"}, headers=admin)
    assert renamed.json()["ID"] == "newer"
    assert (await client.get(f"{URL}/new-one", headers=admin)).status_code == 404
    taken = await client.put(f"{URL}/newer", json={"ID": "shirt", "Name": "Clash"}, headers=admin)
    assert taken.status_code == 409
    assert (await client.patch(f"{URL}/missing", json={"Name": "x"}, headers=admin)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "Name"),
        ({"Name": ""}, "Name"),
        ({"Name": "n" * 101}, "Name"),
        ({"Name": "A", "Description": "d" * 2001}, "Description"),
        ({"Name": "A", "ID": "bad id"}, "ID"),
        ({"Name": "A", "ID": "i" * 101}, "ID"),
        ({"Name": "A", "QuantityMultiplier": 0}, "QuantityMultiplier"),
        ({"Name": "A", "QuantityMultiplier": 2**31}, "QuantityMultiplier"),
        ({"Name": "A", "ShipWeight": -1}, "ShipWeight"),
        ({"Name": "A", "ShipLength": 1e15}, "ShipLength"),
        ({"Name": "A", "Active": "yes"}, "Active"),
        ({"Name": "A", "Inventory": {"QuantityAvailable": 2**31}}, "Inventory.QuantityAvailable"),
        ({"Name": "A", "Inventory": {"NotificationPoint": "3"}}, "Inventory.NotificationPoint"),
        ({"Name": "A", "Inventory": []}, "Inventory"),
        ({"Name": "A", "xp": []}, "xp"),
        ({"Name": "A", "xp": {"big": "x" * 8000}}, "xp"),
        ({"Name": "A", "ID": "Assignments"}, "ID"),
    ],
)
async def test_validation(client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], field: str) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    for response in (
        await client.post(URL, json=body, headers=admin),
        await client.put(f"{URL}/p", json=body, headers=admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"] == {"Field": field}
    assert items(await client.get(URL, headers=admin)) == []


async def test_patch_validation_and_bad_bodies(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    await client.post(URL, json={"ID": "p", "Name": "P"}, headers=admin)
    for changes, field in (({"Name": None}, "Name"), ({"Inventory": {"QuantityAvailable": "many"}}, None)):
        response = await client.patch(f"{URL}/p", json=changes, headers=admin)
        assert response.status_code == 400, response.text
        if field:
            assert error(response)["Data"] == {"Field": field}
    not_object = await client.patch(f"{URL}/p", json=[1], headers=admin)
    assert not_object.status_code == 400
    not_json = await client.post(URL, content=b"{", headers=admin | {"content-type": "application/json"})
    assert not_json.status_code == 400
    nul = await client.post(URL, json={"Name": "a\u0000b"}, headers=admin)
    assert nul.status_code == 400


async def test_references(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.FullAccess)
    mid = callers.marketplace_id
    missing = await client.post(URL, json={"Name": "A", "DefaultPriceScheduleID": "nope"}, headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "PriceSchedule", "ObjectID": "nope"}
    await catalog_rows.price_schedule(database, mid, "retail")
    made = await client.post(URL, json={"ID": "a", "Name": "A", "DefaultPriceScheduleID": "retail"}, headers=admin)
    assert made.status_code == 201
    assert made.json()["DefaultPriceScheduleID"] == "retail"

    no_address = await client.patch(f"{URL}/a", json={"ShipFromAddressID": "warehouse"}, headers=admin)
    assert no_address.status_code == 404
    assert error(no_address)["Data"] == {"ObjectType": "Address", "ObjectID": "warehouse"}
    address = {"ID": "warehouse", "Street1": "1 Main", "City": "Utrecht", "Country": "NL"}
    assert (await client.post("/v1/addresses", json=address, headers=admin)).status_code == 201
    shipped = await client.patch(f"{URL}/a", json={"ShipFromAddressID": "warehouse"}, headers=admin)
    assert shipped.status_code == 200
    assert shipped.json()["ShipFromAddressID"] == "warehouse"

    for field, object_type in (("DefaultSupplierID", "Supplier"), ("OwnerID", "Supplier")):
        refused = await client.post(URL, json={"Name": "B", field: "acme"}, headers=admin)
        assert refused.status_code == 404, refused.text
        assert error(refused)["Data"] == {"ObjectType": object_type, "ObjectID": "acme"}
    own = await client.post(URL, json={"Name": "B", "OwnerID": mid}, headers=admin)
    assert own.status_code == 201
    assert own.json()["OwnerID"] == mid


async def test_parent_and_child_products(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)

    async def post(body: dict[str, Any]) -> httpx.Response:
        return await client.post(URL, json=body, headers=admin)

    assert (await post({"ID": "parent", "Name": "Parent", "IsParent": True})).status_code == 201
    assert (await post({"ID": "plain", "Name": "Plain"})).status_code == 201
    child = await post({"ID": "child", "Name": "Child", "ParentID": "parent"})
    assert child.status_code == 201
    assert child.json()["ParentID"] == "parent"

    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"Name": "X", "IsParent": True, "ParentID": "parent"}, 400, "Product.ParentProductCannotHaveParent"),
        ({"Name": "X", "ParentID": "plain"}, 400, "Product.IsNotParent"),
        ({"Name": "X", "ParentID": "nowhere"}, 404, "NotFound"),
        (
            {"Name": "X", "IsParent": True, "Inventory": {"VariantLevelTracking": True}},
            400,
            "InventoryConfiguration.InvalidVariantLevelTracking",
        ),
    ]
    for body, status, code in cases:
        response = await post(body)
        assert response.status_code == status, response.text
        assert error(response)["ErrorCode"] == code
    self_parent = await client.patch(f"{URL}/parent", json={"ParentID": "parent"}, headers=admin)
    assert error(self_parent)["ErrorCode"] == "Product.ParentProductCannotHaveParent"

    unparent = await client.patch(f"{URL}/parent", json={"IsParent": False}, headers=admin)
    assert unparent.status_code == 400
    assert error(unparent)["ErrorCode"] == "Product.CannotModifyIsParent"
    refused = await client.delete(f"{URL}/parent", headers=admin)
    assert refused.status_code == 400
    assert error(refused)["ErrorCode"] == "Product.CannotDeleteParentProduct"

    renamed = await client.patch(f"{URL}/parent", json={"ID": "mother"}, headers=admin)
    assert renamed.status_code == 200, renamed.text
    assert (await client.get(f"{URL}/child", headers=admin)).json()["ParentID"] == "mother"
    assert ids(await client.get(URL, params={"ParentID": "mother"}, headers=admin)) == ["child"]
    assert ids(await client.get(URL, params={"IsParent": "true"}, headers=admin)) == ["mother"]

    assert (await client.patch(f"{URL}/child", json={"ParentID": None}, headers=admin)).status_code == 200
    assert (await client.patch(f"{URL}/mother", json={"IsParent": False}, headers=admin)).status_code == 200
    assert (await client.delete(f"{URL}/mother", headers=admin)).status_code == 204


async def test_list_filters_search_and_sort(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    for product_id, name, quantity, xp in (
        ("red-mug", "Red mug", 0, {"Color": "red", "Price": 5}),
        ("blue-mug", "Blue mug", 12, {"Color": "blue", "Price": 7}),
        ("red-cap", "Red cap", None, {"Color": "red"}),
    ):
        body = {"ID": product_id, "Name": name, "Active": True, "xp": xp, "Inventory": {"QuantityAvailable": quantity}}
        assert (await client.post(URL, json=body, headers=admin)).status_code == 201

    async def listed(**params: str) -> list[str]:
        return ids(await client.get(URL, params=params, headers=admin))

    assert await listed() == ["blue-mug", "red-cap", "red-mug"]
    assert await listed(sortBy="!ID") == ["red-mug", "red-cap", "blue-mug"]
    assert await listed(search="mug") == ["blue-mug", "red-mug"]
    assert await listed(search="red mug", searchType="ExactPhrase") == ["red-mug"]
    assert await listed(search="cap", searchOn="ID") == ["red-cap"]
    assert await listed(**{"Inventory.QuantityAvailable": ">0"}) == ["blue-mug"]
    assert await listed(**{"xp.Color": "red", "xp.Price": "<6"}) == ["red-mug"]
    assert await listed(SpecCount="0", VariantCount="0", Active="true") == ["blue-mug", "red-cap", "red-mug"]
    assert await listed(pageSize="1", page="2") == ["red-cap"]
    for params, code in (
        ({"Nope": "1"}, "List.InvalidProperty"),
        ({"sortBy": "Description"}, "List.InvalidSortProperty"),
        ({"search": "x", "searchOn": "OwnerID"}, "List.InvalidSearchProperty"),
        ({"Inventory.QuantityAvailable": "lots"}, "List.InvalidType"),
        ({"searchType": "Fuzzy", "search": "x"}, "List.InvalidType"),
    ):
        response = await client.get(URL, params=params, headers=admin)
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == code


async def test_catalog_and_category_parameters(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    mid = callers.marketplace_id
    for product_id in ("a", "b", "c"):
        assert (await client.post(URL, json={"ID": product_id, "Name": product_id}, headers=admin)).status_code == 201
    await catalog_rows.catalog(database, mid, "cat1")
    await catalog_rows.catalog(database, mid, "cat2")
    await catalog_rows.in_catalog(database, mid, "cat1", "a", "b")
    await catalog_rows.in_catalog(database, mid, "cat2", "c")
    await catalog_rows.category(database, mid, "cat1", "kitchen", "b")

    assert ids(await client.get(URL, params={"catalogID": "cat1"}, headers=admin)) == ["a", "b"]
    assert ids(await client.get(URL, params={"catalogID": "cat2"}, headers=admin)) == ["c"]
    in_category = await client.get(URL, params={"catalogID": "cat1", "categoryID": "kitchen"}, headers=admin)
    assert ids(in_category) == ["b"]
    assert ids(await client.get(URL, params={"catalogID": "cat1", "search": "a"}, headers=admin)) == ["a"]

    no_catalog = await client.get(URL, params={"categoryID": "kitchen"}, headers=admin)
    assert no_catalog.status_code == 400
    assert error(no_catalog)["ErrorCode"] == "Product.CategoryFilterRequiresCatalogID"
    for params, object_type in (
        ({"catalogID": "nope"}, "Catalog"),
        ({"catalogID": "cat2", "categoryID": "kitchen"}, "Category"),
        ({"supplierID": "acme"}, "Supplier"),
    ):
        response = await client.get(URL, params=params, headers=admin)
        assert response.status_code == 404, response.text
        assert error(response)["Data"]["ObjectType"] == object_type  # type: ignore[index]

    assert (await client.delete(f"{URL}/b", headers=admin)).status_code == 204  # its catalog rows go with it
    assert ids(await client.get(URL, params={"catalogID": "cat1"}, headers=admin)) == ["a"]


async def test_roles_and_user_types(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.ProductAdmin)
    assert (await client.post(URL, json={"ID": "p", "Name": "P"}, headers=admin)).status_code == 201
    reader = await callers.headers(Role.ProductReader)
    assert (await client.get(f"{URL}/p", headers=reader)).status_code == 200
    for response in (
        await client.post(URL, json={"Name": "Q"}, headers=reader),
        await client.patch(f"{URL}/p", json={"Name": "Q"}, headers=reader),
        await client.delete(f"{URL}/p", headers=reader),
        await client.get(URL, headers=await callers.headers(Role.CatalogAdmin)),
    ):
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"

    # The admin list shows every product whatever its catalogs: a buyer user sees products through /me/products.
    await callers.buyer("b1")
    buyer_user = await shopper(callers, "b1", "u1", Role.ProductAdmin, Role.ProductReader)
    supplier_user = await callers.headers(Role.FullAccess, user_type=UserType.SUPPLIER)
    for headers in (buyer_user, supplier_user):
        for response in (
            await client.get(URL, headers=headers),
            await client.get(f"{URL}/p", headers=headers),
            await client.post(URL, json={"Name": "Q"}, headers=headers),
        ):
            assert response.status_code == 403
            assert error(response)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
