"""/me/products as a list: catalogID, categoryID and depth; search, filters (xp too), sort, paging and facets as
the admin list engine does them, over the visible products only; specs and variants of a visible product."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.resources.me_products.conftest import URL, Market, seen

PRODUCTS: list[tuple[str, str, dict[str, Any]]] = [
    ("bolt", "Steel bolt", {"Color": "Grey", "Size": 10, "Tags": ["metal", "small"]}),
    ("nut", "Steel nut", {"Color": "grey", "Size": 5, "Tags": ["metal"]}),
    ("pipe", "Copper pipe", {"Color": "Orange", "Size": 100}),
    ("tape", "Blue tape", {"Color": "Blue", "Size": 20, "Tags": ["small"]}),
    ("glue", "Hidden glue", {"Color": "White", "Size": 1}),
]


@pytest.fixture
async def shelf(market: Market) -> Market:
    """Buyer b1 sees bolt, nut, pipe and tape; glue is in no catalog of b1. Catalog c (ViewAllCategories) has the
    tree tools (hand (wrench)), parts; b1's default catalog b1 holds bolt and nut, c holds the rest."""
    await market.buyer("b1")
    await market.catalog("c")
    await market.assign("c", "b1", categories=True, products=True)
    await market.category("c", "tools")
    await market.category("c", "hand", "tools")
    await market.category("c", "wrench", "hand")
    await market.category("c", "parts")
    await market.category("b1", "fasteners")
    for product_id, name, xp in PRODUCTS:
        await market.product(product_id, Name=name, xp=xp, Description=f"{name} for every job")
    await market.in_category("b1", "fasteners", "bolt", "nut")
    await market.in_category("c", "tools", "pipe")
    await market.in_category("c", "wrench", "tape")
    await market.in_catalog("c", "bolt")
    market.headers["u1"] = await market.user("b1", "u1")
    return market


async def test_catalog_and_category_parameters(client: httpx.AsyncClient, shelf: Market) -> None:
    u1 = shelf.headers["u1"]
    assert await seen(client, u1) == ["tape", "pipe", "bolt", "nut"]  # by Name
    assert await seen(client, u1, catalogID="b1") == ["bolt", "nut"]
    assert await seen(client, u1, catalogID="c") == ["tape", "pipe", "bolt"]
    assert await seen(client, u1, catalogID="nope") == []
    # categoryID without catalogID is a category of the buyer's default catalog.
    assert await seen(client, u1, categoryID="fasteners") == ["bolt", "nut"]
    assert await seen(client, u1, categoryID="tools") == []
    # depth counts the category itself as the first level; all by default.
    assert await seen(client, u1, catalogID="c", categoryID="tools") == ["tape", "pipe"]
    assert await seen(client, u1, catalogID="c", categoryID="tools", depth="1") == ["pipe"]
    assert await seen(client, u1, catalogID="c", categoryID="tools", depth="2") == ["pipe"]
    assert await seen(client, u1, catalogID="c", categoryID="tools", depth="3") == ["tape", "pipe"]
    assert await seen(client, u1, catalogID="c", categoryID="hand", depth="all") == ["tape"]
    # A category the user does not see contributes nothing.
    await shelf.show("c", "wrench", "b1", Visible=False)
    assert await seen(client, u1, catalogID="c", categoryID="tools") == ["pipe"]
    bad = await client.get(URL, params={"categoryID": "tools", "catalogID": "c", "depth": "0"}, headers=u1)
    assert bad.status_code == 400
    assert bad.json()["Errors"][0]["ErrorCode"] == "Category.InvalidDepth"


async def test_search_filters_sort_and_paging(client: httpx.AsyncClient, shelf: Market) -> None:
    u1 = shelf.headers["u1"]
    assert await seen(client, u1, search="steel") == ["bolt", "nut"]
    assert await seen(client, u1, search="glue") == []  # not visible, so not found
    assert await seen(client, u1, search="job", searchOn="Description") == ["tape", "pipe", "bolt", "nut"]
    assert await seen(client, u1, search="steel nut", searchType="ExactPhrase") == ["nut"]
    assert await seen(client, u1, **{"xp.Color": "grey"}) == ["bolt", "nut"]
    assert await seen(client, u1, **{"xp.Size": ">=10"}) == ["tape", "pipe", "bolt"]
    assert await seen(client, u1, **{"xp.Color": "!grey"}) == ["tape", "pipe"]
    # An xp array matches when one of its elements does, as facets count them.
    assert await seen(client, u1, **{"xp.Tags": "small"}) == ["tape", "bolt"]
    assert await seen(client, u1, **{"xp.Tags": "SMA*"}) == ["tape", "bolt"]
    assert await seen(client, u1, **{"xp.Tags": "!metal"}) == ["tape", "pipe"]
    assert await seen(client, u1, ID="b*|p*") == ["pipe", "bolt"]
    assert await seen(client, u1, sortBy="ID") == ["bolt", "nut", "pipe", "tape"]
    assert await seen(client, u1, sortBy="!xp.Size") == ["pipe", "tape", "bolt", "nut"]

    first = await client.get(URL, params={"pageSize": "3", "sortBy": "ID"}, headers=u1)
    assert [item["ID"] for item in first.json()["Items"]] == ["bolt", "nut", "pipe"]
    meta = first.json()["Meta"]
    assert (meta["TotalCount"], meta["TotalPages"], meta["ItemRange"]) == (4, 2, [1, 3])
    second = await client.get(URL, params={"pageSize": "3", "page": "2", "sortBy": "ID"}, headers=u1)
    assert [item["ID"] for item in second.json()["Items"]] == ["tape"]
    assert second.json()["Meta"]["ItemRange"] == [4, 4]

    for params, code in (
        ({"pageSize": "101"}, "List.InvalidPageSize"),
        ({"sortBy": "Description"}, "List.InvalidSortProperty"),
        ({"Nope": "1"}, "List.InvalidProperty"),
        ({"xp.Size": ">ten"}, None),
    ):
        response = await client.get(URL, params=params, headers=u1)
        if code is None:
            assert response.status_code in (200, 400)
            continue
        assert response.status_code == 400, params
        assert response.json()["Errors"][0]["ErrorCode"] == code


async def test_facets_count_the_visible_filtered_products(client: httpx.AsyncClient, shelf: Market) -> None:
    u1 = shelf.headers["u1"]
    await shelf.ok("POST", "/v1/productfacets", {"ID": "color", "Name": "Color", "XpPath": "Color", "MinCount": 0})
    await shelf.ok("POST", "/v1/productfacets", {"ID": "tags", "Name": "Tags", "XpPath": "Tags", "ListOrder": 1})

    def facets(response: httpx.Response) -> dict[str, list[tuple[str, int]]]:
        assert response.status_code == 200, response.text
        return {f["Name"]: [(v["Value"], v["Count"]) for v in f["Values"]] for f in response.json()["Meta"]["Facets"]}

    everything = facets(await client.get(URL, headers=u1))
    # glue (White) is not visible: it is counted nowhere, not even with Count 0.
    assert everything == {
        "Color": [("Grey", 2), ("Blue", 1), ("Orange", 1)],
        "Tags": [("metal", 2), ("small", 2)],
    }
    narrowed = facets(await client.get(URL, params={"xp.Size": "<=10"}, headers=u1))
    assert narrowed == {
        "Color": [("Grey", 2), ("Blue", 0), ("Orange", 0)],
        "Tags": [("metal", 2), ("small", 1)],
    }
    # Choosing a facet value filters to exactly the products it counted.
    for value, count in everything["Tags"]:
        assert len(await seen(client, u1, **{"xp.Tags": value})) == count


async def test_specs_and_variants_of_a_visible_product(client: httpx.AsyncClient, shelf: Market) -> None:
    u1 = shelf.headers["u1"]
    spec = {"ID": "size", "Name": "Size", "DefinesVariant": True, "Required": True}
    await shelf.ok("POST", "/v1/specs", spec)
    for option in ("s", "l"):
        await shelf.ok("POST", "/v1/specs/size/options", {"ID": option, "Value": option.upper()})
    for product_id in ("bolt", "glue"):
        await shelf.ok("POST", "/v1/specs/productassignments", {"SpecID": "size", "ProductID": product_id})
        await shelf.ok("POST", f"/v1/products/{product_id}/variants/generate", {"Active": True})
    await shelf.ok("PATCH", "/v1/products/bolt/variants/bolt-l", {"Active": False})

    # Counts on lists come from the page's own query (resources/products/service.py counted).
    listed = (await client.get(URL, params={"ID": "bolt|nut"}, headers=u1)).json()["Items"]
    assert [(p["ID"], p["SpecCount"], p["VariantCount"]) for p in listed] == [("bolt", 1, 2), ("nut", 0, 0)]
    admin_listed = (await client.get("/v1/products", params={"ID": "bolt|glue"}, headers=shelf.admin)).json()["Items"]
    assert [(p["ID"], p["SpecCount"], p["VariantCount"]) for p in admin_listed] == [("glue", 1, 2), ("bolt", 1, 2)]

    specs = await client.get(f"{URL}/bolt/specs", headers=u1)
    assert [s["ID"] for s in specs.json()["Items"]] == ["size"]
    assert [o["ID"] for o in specs.json()["Items"][0]["Options"]] == ["l", "s"]  # ListOrder (all 0), then ID
    one = await client.get(f"{URL}/bolt/specs/size", headers=u1)
    assert one.status_code == 200
    assert one.json() == specs.json()["Items"][0]
    assert (await client.get(f"{URL}/bolt/specs", params={"catalogID": "c"}, headers=u1)).status_code == 200
    assert (await client.get(f"{URL}/nut/specs/size", headers=u1)).status_code == 404

    variants = await client.get(f"{URL}/bolt/variants", headers=u1)
    assert [v["ID"] for v in variants.json()["Items"]] == ["bolt-s"]
    assert (await client.get(f"{URL}/bolt/variants/bolt-s", headers=u1)).status_code == 200
    assert (await client.get(f"{URL}/bolt/variants/bolt-l", headers=u1)).status_code == 404

    # Nothing of a product the user does not see.
    for path in ("glue", "glue/specs", "glue/specs/size", "glue/variants", "glue/variants/glue-s"):
        response = await client.get(f"{URL}/{path}", headers=u1)
        assert response.status_code == 404, path
        assert response.json()["Errors"][0]["Data"] == {"ObjectType": "Product", "ObjectID": "glue"}


async def test_deep_pages_follow_the_default_order(client: httpx.AsyncClient, market: Market) -> None:
    """Name (case-insensitive, then as written), then ID: every page of the plain list, a filtered one and a
    category's, as a walk of the rule and through the shopper's view alike."""
    await market.buyer("b1")
    names = ["Item 07", "item 03", "Same", "Same", "same", "Zeta", "alpha", "Item 10", "Beta"] * 3
    products = [(f"p{n:02d}", name, n % 2) for n, name in enumerate(names)]
    for product_id, name, odd in products:
        await market.product(product_id, Name=name, xp={"Odd": odd})
    await market.in_catalog("b1", *(product_id for product_id, _, _ in products))
    await market.category("b1", "half")
    await market.in_category("b1", "half", *(product_id for product_id, _, is_odd in products if not is_odd))
    u1 = await market.user("b1", "u1")

    def ordered(rows: list[tuple[str, str, int]]) -> list[str]:
        return [product_id for product_id, _, _ in sorted(rows, key=lambda row: (row[1].lower(), row[1], row[0]))]

    odd_rows, even_rows = [row for row in products if row[2]], [row for row in products if not row[2]]
    for params, expected in (
        ({}, ordered(products)),
        ({"xp.Odd": "1"}, ordered(odd_rows)),
        ({"categoryID": "half"}, ordered(even_rows)),  # a category narrows the view
    ):
        listed: list[str] = []
        for page in range(1, 9):
            response = await client.get(URL, params={"pageSize": "4", "page": str(page)} | params, headers=u1)
            assert response.status_code == 200, response.text
            meta = response.json()["Meta"]
            assert meta["TotalCount"] == len(expected)
            shown = [item["ID"] for item in response.json()["Items"]]
            first = (page - 1) * 4 + 1
            assert meta["ItemRange"] == ([first, first + len(shown) - 1] if shown else [1, 0])
            listed += shown
        assert listed == expected
