"""Read-your-writes for /me/products: after every kind of write that changes what a shopper sees or pays, the
very next list shows it, Items, TotalCount and Facets alike (the count and facets are cached under the catalog
version, mercato.catalog.browse_cache), in process and through a served app with 2 workers (each with its own
cache), on both databases."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.settings import Settings
from tests.fixtures.identity import Callers
from tests.resources.me_products.conftest import URL, Market
from tests.test_serve import serving

READS = 8
"""Reads after each write; with a new connection each, both workers of a served app answer some of them."""


@contextlib.asynccontextmanager
async def shopping_client(
    mode: str, client: httpx.AsyncClient, tmp_path: Path, database_url: str
) -> AsyncIterator[httpx.AsyncClient]:
    if mode == "in-process":
        yield client
        return
    # The test's tokens name the default issuer: the served app must use it too.
    with serving(tmp_path, database_url, "--workers", "2", MERCATO_PUBLIC_URL=Settings().issuer) as served:
        limits = httpx.Limits(max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=served.url, limits=limits, timeout=10) as http:
            yield http


async def expect(
    http: httpx.AsyncClient, headers: dict[str, str], ids: list[str], facets: dict[str, Any] | None = None
) -> None:
    for _ in range(READS):
        response = await http.get(URL, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert [item["ID"] for item in body["Items"]] == ids
        assert body["Meta"]["TotalCount"] == len(ids)
        if facets is not None:
            shown = {f["Name"]: {v["Value"]: v["Count"] for v in f["Values"]} for f in body["Meta"]["Facets"]}
            assert shown == facets


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["in-process", "2 workers"])
async def test_every_write_is_seen_on_the_next_list(
    mode: str, client: httpx.AsyncClient, callers: Callers, tmp_path: Path, database_url: str
) -> None:
    market = Market(client, callers, await callers.headers(Role.FullAccess))
    await market.buyer("b1")  # its default catalog b1 shows every product in it
    u1 = await market.user("b1", "u1")
    await market.group("b1", "g1")
    await market.catalog("c")
    await market.assign("c", "b1", categories=False, products=False)
    await market.category("c", "r")
    await market.product("p1", xp={"Color": "red"})
    await market.product("p2", xp={"Color": "blue"})
    await market.product("p3")
    await market.ok("POST", "/v1/productfacets", {"ID": "color", "Name": "Color", "XpPath": "Color"})

    async with shopping_client(mode, client, tmp_path, database_url) as http:
        await expect(http, u1, [], {"Color": {}})
        await market.in_catalog("b1", "p1")  # a catalog product assignment
        await expect(http, u1, ["p1"], {"Color": {"red": 1}})
        await market.patch_product("p1", xp={"Color": "green"})  # a product's content
        await expect(http, u1, ["p1"], {"Color": {"green": 1}})
        await market.patch_product("p1", Active=False)  # a product's Active
        await expect(http, u1, [])
        await market.patch_product("p1", Active=True)
        await market.in_category("c", "r", "p2")  # a category product assignment (no category visibility yet)
        await expect(http, u1, ["p1"])
        await market.show("c", "r", "b1", ViewAllProducts=True)  # a category assignment
        await expect(http, u1, ["p1", "p2"], {"Color": {"green": 1, "blue": 1}})
        await market.ok("PATCH", "/v1/catalogs/c/categories/r", {"Active": False})  # a category's Active
        await expect(http, u1, ["p1"])
        await market.ok("PATCH", "/v1/catalogs/c", {"Active": False})  # a catalog's Active
        await market.ok("PATCH", "/v1/catalogs/c/categories/r", {"Active": True})
        await expect(http, u1, ["p1"])
        await market.ok("PATCH", "/v1/catalogs/c", {"Active": True})
        await expect(http, u1, ["p1", "p2"])
        await market.in_catalog("c", "p3")
        await market.offer("p3", "b1", "g1")  # a product assignment to a group the user is not in
        await expect(http, u1, ["p1", "p2"])
        await market.join("b1", "g1", "u1")  # group membership
        await expect(http, u1, ["p1", "p2", "p3"])
        await market.ok("DELETE", "/v1/buyers/b1/usergroups/g1/assignments/u1")
        await expect(http, u1, ["p1", "p2"])
        await market.ok("POST", "/v1/productfacets", {"ID": "size", "Name": "Size", "XpPath": "Size"})  # a facet
        await expect(http, u1, ["p1", "p2"], {"Color": {"green": 1, "blue": 1}, "Size": {}})
        await market.ok("DELETE", "/v1/catalogs/b1/assignments", buyerID="b1")  # a catalog assignment
        await expect(http, u1, ["p2"])
        await market.schedule("s1", 5.0)
        await market.offer("p2", "b1", None, "s1")  # a price
        for _ in range(READS):
            listed = (await http.get(URL, headers=u1)).json()["Items"]
            assert [(item["ID"], (item["PriceSchedule"] or {}).get("ID")) for item in listed] == [("p2", "s1")]
        await market.ok("DELETE", "/v1/products/p2")  # a product's deletion
        await expect(http, u1, [])


async def test_spec_and_variant_counts_are_seen_on_the_next_list(client: httpx.AsyncClient, callers: Callers) -> None:
    """SpecCount and VariantCount are list fields: assigning a spec or generating variants moves the version."""
    market = Market(client, callers, await callers.headers(Role.FullAccess))
    await market.buyer("b1")
    u1 = await market.user("b1", "u1")
    for product_id in ("p1", "p2"):
        await market.product(product_id)
    await market.in_catalog("b1", "p1", "p2")

    async def listed(**params: str) -> list[str]:
        response = await client.get(URL, params=params, headers=u1)
        assert response.status_code == 200, response.text
        return [item["ID"] for item in response.json()["Items"]]

    assert await listed(SpecCount=">0") == []
    assert await listed(VariantCount="0") == ["p1", "p2"]
    await market.ok("POST", "/v1/specs", {"ID": "size", "Name": "Size", "DefinesVariant": True, "Required": True})
    await market.ok("POST", "/v1/specs/size/options", {"ID": "s", "Value": "S"})
    await market.ok("POST", "/v1/specs/productassignments", {"SpecID": "size", "ProductID": "p2"})
    assert await listed(SpecCount=">0") == ["p2"]
    await market.ok("POST", "/v1/products/p2/variants/generate", {})
    assert await listed(VariantCount="0") == ["p1"]
    assert await listed(VariantCount="1") == ["p2"]
