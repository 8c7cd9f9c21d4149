"""/catalogs/assignments (catalog to buyer) and /catalogs/productassignments (product in catalog)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.resources.catalogs.shop import Shop, error

URL = "/v1/catalogs"


async def assignments(client: httpx.AsyncClient, shop: Shop, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"{URL}/assignments", params=params, headers=shop.admin)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


async def test_save_replace_list_delete(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.buyer("b2")
    await shop.catalog("c1")
    body = {"CatalogID": "c1", "BuyerID": "b1", "ViewAllCategories": True}
    assert (await client.post(f"{URL}/assignments", json=body, headers=shop.admin)).status_code == 204
    assert await assignments(client, shop, catalogID="c1") == [
        {"CatalogID": "c1", "BuyerID": "b1", "ViewAllCategories": True, "ViewAllProducts": False}
    ]
    again = body | {"ViewAllCategories": None, "ViewAllProducts": True}
    assert (await client.post(f"{URL}/assignments", json=again, headers=shop.admin)).status_code == 204
    assert await assignments(client, shop, catalogID="c1") == [
        {"CatalogID": "c1", "BuyerID": "b1", "ViewAllCategories": False, "ViewAllProducts": True}
    ]
    await shop.assign("c1", "b2", categories=False)
    every = await assignments(client, shop)
    assert [(a["CatalogID"], a["BuyerID"]) for a in every] == [("b1", "b1"), ("b2", "b2"), ("c1", "b1"), ("c1", "b2")]
    assert [a["CatalogID"] for a in await assignments(client, shop, buyerID="b2")] == ["b2", "c1"]
    paged = await client.get(f"{URL}/assignments", params={"pageSize": 3, "page": 2}, headers=shop.admin)
    assert paged.json()["Meta"]["TotalCount"] == 4
    assert [(a["CatalogID"], a["BuyerID"]) for a in paged.json()["Items"]] == [("c1", "b2")]

    removed = await client.delete(f"{URL}/c1/assignments", params={"buyerID": "b1"}, headers=shop.admin)
    assert removed.status_code == 204
    again_removed = await client.delete(f"{URL}/c1/assignments", params={"buyerID": "b1"}, headers=shop.admin)
    assert again_removed.status_code == 204
    assert [a["BuyerID"] for a in await assignments(client, shop, catalogID="c1")] == ["b2"]


async def test_assignment_validation(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.catalog("c1")
    post = f"{URL}/assignments"
    no_buyer = await client.post(post, json={"CatalogID": "c1"}, headers=shop.admin)
    assert no_buyer.status_code == 400
    assert error(no_buyer)["ErrorCode"] == "PartyAssignment.RequiresBuyer"
    no_catalog = await client.post(post, json={"BuyerID": "b1"}, headers=shop.admin)
    assert no_catalog.status_code == 400
    assert error(no_catalog)["Data"]["Field"] == "CatalogID"
    for body, object_type in (
        ({"CatalogID": "nope", "BuyerID": "b1"}, "Catalog"),
        ({"CatalogID": "c1", "BuyerID": "nope"}, "Buyer"),
    ):
        response = await client.post(post, json=body, headers=shop.admin)
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": object_type, "ObjectID": "nope"}
    bad_flag = await client.post(
        post, json={"CatalogID": "c1", "BuyerID": "b1", "ViewAllProducts": 1}, headers=shop.admin
    )
    assert bad_flag.status_code == 400
    assert (await client.delete(f"{URL}/c1/assignments", headers=shop.admin)).status_code == 400
    assert (await client.delete(f"{URL}/nope/assignments?buyerID=b1", headers=shop.admin)).status_code == 404
    for params in ({"search": "x"}, {"sortBy": "CatalogID"}, {"CatalogID": "c1"}):
        response = await client.get(post, params=params, headers=shop.admin)
        assert response.status_code == 400, params


async def test_product_assignments(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    await shop.catalog("c2")
    for product in ("p1", "p2"):
        await shop.product(product)
    post = f"{URL}/productassignments"
    for catalog, product in (("c2", "p1"), ("c1", "p2"), ("c1", "p1"), ("c1", "p1")):
        saved = await client.post(post, json={"CatalogID": catalog, "ProductID": product}, headers=shop.admin)
        assert saved.status_code == 204
    listed = await client.get(post, headers=shop.admin)
    assert [(a["CatalogID"], a["ProductID"]) for a in listed.json()["Items"]] == [
        ("c1", "p1"),
        ("c1", "p2"),
        ("c2", "p1"),
    ]
    by_product = await client.get(post, params={"productID": "p1"}, headers=shop.admin)
    assert [a["CatalogID"] for a in by_product.json()["Items"]] == ["c1", "c2"]
    for body, object_type in (
        ({"CatalogID": "c1", "ProductID": "nope"}, "Product"),
        ({"CatalogID": "nope", "ProductID": "p1"}, "Catalog"),
    ):
        response = await client.post(post, json=body, headers=shop.admin)
        assert response.status_code == 404
        assert error(response)["Data"]["ObjectType"] == object_type
    assert (await client.post(post, json={"CatalogID": "c1"}, headers=shop.admin)).status_code == 400
    assert (await client.delete(f"{URL}/c1/productassignments/p1", headers=shop.admin)).status_code == 204
    assert (await client.delete(f"{URL}/c1/productassignments/p1", headers=shop.admin)).status_code == 204
    assert (await client.delete(f"{URL}/nope/productassignments/p1", headers=shop.admin)).status_code == 404
    remaining = await client.get(post, params={"catalogID": "c1"}, headers=shop.admin)
    assert [a["ProductID"] for a in remaining.json()["Items"]] == ["p2"]


async def test_removing_a_product_from_a_catalog_removes_it_from_its_categories(
    client: httpx.AsyncClient, shop: Shop
) -> None:
    await shop.catalog("c1")
    await shop.category("c1", "cat")
    await shop.product("p1")
    await shop.ok("POST", f"{URL}/c1/categories/productassignments", {"CategoryID": "cat", "ProductID": "p1"})
    assert (await client.delete(f"{URL}/c1/productassignments/p1", headers=shop.admin)).status_code == 204
    left = await client.get(f"{URL}/c1/categories/productassignments", headers=shop.admin)
    assert left.json()["Items"] == []


async def test_deleting_a_buyer_takes_its_catalog_assignments(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.catalog("c1")
    await shop.assign("c1", "b1", categories=True)
    await shop.category("c1", "cat")
    await shop.show("c1", "cat", "b1", Visible=True)
    await shop.ok("DELETE", "/v1/buyers/b1")
    assert await assignments(client, shop, buyerID="b1") == []
    left = await client.get(f"{URL}/c1/categories/assignments", headers=shop.admin)
    assert left.json()["Items"] == []
