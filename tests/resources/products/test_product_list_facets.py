"""Meta.Facets of GET /products (mercato.catalog.facets), on both databases."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import insert, select

from mercato.auth.roles import Role
from mercato.catalog.facets import MAX_FACETS, MAX_VALUES, Faceted, ListFacet, ListFacetValue, product_facets
from mercato.db.engine import Database
from mercato.db.tables import product_facets as product_facets_table
from mercato.db.tables import products
from tests.fixtures.identity import Callers
from tests.resources.products import catalog_rows

URL = "/v1/products"

PRODUCTS: list[tuple[str, dict[str, Any] | None]] = [
    ("p1", {"Color": "red", "Size": 10, "Tags": ["eco", "sale", "eco"], "Facets": {"Fit": "slim"}, "New": True}),
    ("p2", {"Color": "Red", "Size": 12, "Tags": ["sale"], "Facets": {"Fit": "wide"}, "New": False}),
    ("p3", {"Color": "blue", "Size": 10, "Tags": "eco", "New": True}),
    ("p4", {"Color": {"r": 1}, "Size": None, "Tags": [{"x": 1}, None, 7, ["nested"]]}),
    ("p5", None),
]


async def seed(client: httpx.AsyncClient, headers: dict[str, str], facets: list[dict[str, Any]]) -> None:
    for facet in facets:
        assert (await client.post("/v1/productfacets", json=facet, headers=headers)).status_code == 201
    for product_id, xp in PRODUCTS:
        body = {"ID": product_id, "Name": f"Product {product_id}", "xp": xp, "Active": product_id != "p5"}
        assert (await client.post(URL, json=body, headers=headers)).status_code == 201


def values(facet: dict[str, Any]) -> list[tuple[str, int]]:
    return [(value["Value"], value["Count"]) for value in facet["Values"]]


async def facets_of(
    client: httpx.AsyncClient, headers: dict[str, str], **params: str
) -> dict[str, list[tuple[str, int]]]:
    response = await client.get(URL, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {facet["Name"]: values(facet) for facet in response.json()["Meta"]["Facets"]}


async def test_no_facets_no_meta_facets(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    await seed(client, admin, [])
    meta = (await client.get(URL, headers=admin)).json()["Meta"]
    assert meta == {
        "Facets": [],
        "Page": 1,
        "PageSize": 20,
        "TotalCount": 5,
        "TotalPages": 1,
        "ItemRange": [1, 5],
        "NextPageKey": None,
    }


async def test_counts(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    await seed(
        client,
        admin,
        [
            {"ID": "Color", "Name": "Color", "ListOrder": 2, "xp": {"Widget": "swatch"}},
            {"ID": "Size", "Name": "Size", "ListOrder": 1},
            {"ID": "Tags", "Name": "Tags", "ListOrder": 3},
            {"ID": "fit", "Name": "Fit", "XpPath": "Facets.Fit", "ListOrder": 3},
            {"ID": "New", "Name": "New", "ListOrder": 4},
            {"ID": "Missing", "Name": "Missing", "ListOrder": 5},
        ],
    )
    response = await client.get(URL, params={"pageSize": "1"}, headers=admin)  # paging does not change counts
    facets = response.json()["Meta"]["Facets"]
    assert [f["Name"] for f in facets] == ["Size", "Color", "Tags", "Fit", "New", "Missing"]  # ListOrder, then ID
    assert facets[1] == {
        "Name": "Color",
        "XpPath": "Color",
        # Grouped without case (as filters compare); the lowest spelling shown; objects never count.
        "Values": [{"Value": "Red", "Count": 2}, {"Value": "blue", "Count": 1}],
        "xp": {"Widget": "swatch"},
    }
    by_name = {f["Name"]: values(f) for f in facets}
    assert by_name["Size"] == [("10", 2), ("12", 1)]  # numbers as text; null never counts
    # Each primitive element of an array counts, once per product; a plain string counts too.
    assert by_name["Tags"] == [("eco", 2), ("sale", 2), ("7", 1)]
    assert by_name["Fit"] == [("slim", 1), ("wide", 1)]
    assert by_name["New"] == [("true", 2), ("false", 1)]
    assert by_name["Missing"] == []


async def test_filters_search_and_min_count(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    admin = await callers.headers(Role.FullAccess)
    await seed(
        client,
        admin,
        [
            {"ID": "Color", "Name": "Color", "MinCount": 2},
            {"ID": "Tags", "Name": "Tags", "MinCount": 0},
            {"ID": "Size", "Name": "Size"},
        ],
    )
    everything = await facets_of(client, admin)
    assert everything["Color"] == [("Red", 2)]  # blue (1) is below MinCount 2
    assert everything["Tags"] == [("eco", 2), ("sale", 2), ("7", 1)]

    # Counts follow the list's filters and search; MinCount 0 shows the rest of the list's values with 0.
    filtered = await facets_of(client, admin, **{"xp.Color": "red"})
    assert filtered["Color"] == [("Red", 2)]  # the count is what filtering on the value returns
    assert filtered["Size"] == [("10", 1), ("12", 1)]
    assert filtered["Tags"] == [("sale", 2), ("eco", 1), ("7", 0)]
    searched = await facets_of(client, admin, search="p3")
    assert searched == {"Color": [], "Tags": [("eco", 1), ("7", 0), ("sale", 0)], "Size": [("10", 1)]}
    assert (await facets_of(client, admin, Active="false"))["Tags"] == [("7", 0), ("eco", 0), ("sale", 0)]
    sizes = await facets_of(client, admin, **{"xp.Size": ">10"})
    assert sizes["Size"] == [("12", 1)]

    # catalogID bounds the list itself, so zero-count values come from the catalog's products only.
    await catalog_rows.catalog(database, callers.marketplace_id, "c1")
    await catalog_rows.in_catalog(database, callers.marketplace_id, "c1", "p2", "p4")
    in_catalog = await facets_of(client, admin, catalogID="c1")
    assert in_catalog["Tags"] == [("7", 1), ("sale", 1)]
    assert (await facets_of(client, admin, catalogID="c1", search="p4"))["Tags"] == [("7", 1), ("sale", 0)]


async def test_limits(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.FullAccess)
    for index in range(MAX_FACETS + 1):
        facet = {"ID": f"f{index:02}", "Name": f"F{index:02}", "XpPath": "Code" if index == 0 else f"k{index}"}
        assert (await client.post("/v1/productfacets", json=facet, headers=admin)).status_code == 201
    for index in range(MAX_VALUES + 1):
        body = {"ID": f"p{index:03}", "Name": "P", "xp": {"Code": f"c{index:03}" if index else "c001"}}
        assert (await client.post(URL, json=body, headers=admin)).status_code == 201
    facets = (await client.get(URL, headers=admin)).json()["Meta"]["Facets"]
    assert len(facets) == MAX_FACETS
    assert facets[-1]["Name"] == f"F{MAX_FACETS - 1:02}"
    codes = values(facets[0])
    assert len(codes) == MAX_VALUES
    assert codes[:3] == [("c001", 2), ("c002", 1), ("c003", 1)]  # count first, then value


async def test_the_function_takes_any_product_select(
    callers: Callers, database: Database, client: httpx.AsyncClient
) -> None:
    """How /me/products calls it: a SELECT of the visible product rows (id and xp), filtered but not paged."""
    admin = await callers.headers(Role.FullAccess)
    await seed(client, admin, [{"ID": "Color", "Name": "Color", "MinCount": 0}])
    mid = callers.marketplace_id
    p = products.c
    async with database.transaction(write=False) as connection:
        visible = select(products).where(p.marketplace_id == mid, p.active.is_(True)).order_by(p.id).limit(1)
        found = await product_facets(connection, mid, visible.where(p.id != "p3"))
        assert found.facets == [ListFacet(Name="Color", XpPath="Color", Values=[ListFacetValue("Red", 2)], xp=None)]
        assert found.total == 3  # p1, p2, p4: counted by the same query, ORDER BY and LIMIT ignored
        with_zero = await product_facets(connection, mid, visible.where(p.id != "p3"), universe=visible)
        assert with_zero.facets[0].Values == [ListFacetValue("Red", 2), ListFacetValue("blue", 0)]
        assert await product_facets(connection, "another-marketplace", visible) == Faceted([], None)
        nothing = await product_facets(connection, mid, visible.where(p.id == "none"))
        assert (nothing.total, nothing.facets[0].Values) == (0, [])
    # A facet row written with a leading "xp." (not through the API, which drops it) reads the same.
    async with database.transaction() as connection:
        await connection.execute(
            insert(product_facets_table).values(
                marketplace_id=mid, id="size", name="Size", xp_path="xp.Size", list_order=1, min_count=1
            )
        )
        sizes = await product_facets(connection, mid, select(products).where(p.marketplace_id == mid))
        assert sizes.total == 5
        assert sizes.facets[1] == ListFacet(
            Name="Size", XpPath="xp.Size", Values=[ListFacetValue("10", 2), ListFacetValue("12", 1)]
        )
