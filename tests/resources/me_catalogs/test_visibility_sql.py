"""mercato.catalog.visibility as the products engineer uses it: the selectables run on their own, with group IDs
given as values or as the caller's subquery, for one catalog or every catalog of the buyer."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Select, exists, select

from mercato.catalog.visibility import Party, party_of, product_visible_categories, visible_categories
from mercato.context import Caller, UserType
from mercato.db.tables import category_products, products
from tests.resources.catalogs.shop import Shop


async def pairs(shop: Shop, query: Select[Any]) -> set[tuple[str, str]]:
    async with shop.callers.database.transaction(write=False) as connection:
        return {(row.catalog_id, row.category_id) for row in (await connection.execute(query)).all()}


@pytest.fixture
async def world(shop: Shop) -> Shop:
    """Catalog c1 (assigned to b1 without ViewAll*): r (r1 (r11), r2); catalog c2 (ViewAll*): s; both active."""
    await shop.buyer("b1")
    await shop.buyer("b2")
    await shop.catalog("c1")
    await shop.catalog("c2")
    await shop.assign("c1", "b1", categories=False, products=False)
    await shop.assign("c2", "b1", categories=True, products=True)
    await shop.category("c1", "r")
    await shop.category("c1", "r1", "r")
    await shop.category("c1", "r11", "r1")
    await shop.category("c1", "r2", "r")
    await shop.category("c2", "s")
    await shop.group("b1", "g1")
    return shop


def party(shop: Shop, *groups: str, buyer: str = "b1") -> Party:
    return Party(shop.callers.marketplace_id, buyer, list(groups))


async def test_products_follow_the_first_non_null_view_all_products(world: Shop) -> None:
    assert await pairs(world, product_visible_categories(party(world))) == {("c2", "s")}
    await world.show("c1", "r", "b1", ViewAllProducts=True)
    everything = {("c1", "r"), ("c1", "r1"), ("c1", "r11"), ("c1", "r2"), ("c2", "s")}
    assert await pairs(world, product_visible_categories(party(world))) == everything
    await world.show("c1", "r1", "b1", ViewAllProducts=False)
    assert await pairs(world, product_visible_categories(party(world))) == {("c1", "r"), ("c1", "r2"), ("c2", "s")}
    await world.show("c1", "r11", "b1", UserGroupID="g1", ViewAllProducts=True)
    assert ("c1", "r11") in await pairs(world, product_visible_categories(party(world, "g1")))
    assert ("c1", "r11") not in await pairs(world, product_visible_categories(party(world)))
    # One catalog only, and a catalog given as a value.
    assert await pairs(world, product_visible_categories(party(world), "c2")) == {("c2", "s")}
    # Another buyer sees nothing of b1's catalogs.
    assert await pairs(world, product_visible_categories(party(world, buyer="b2"))) == set()


async def test_visible_and_view_all_products_are_independent(world: Shop) -> None:
    await world.show("c1", "r", "b1", Visible=False, ViewAllProducts=True)
    assert ("c1", "r") not in await pairs(world, visible_categories(party(world)))
    assert ("c1", "r") in await pairs(world, product_visible_categories(party(world)))
    await world.show("c1", "r", "b1", Visible=True, ViewAllProducts=False)
    assert ("c1", "r") in await pairs(world, visible_categories(party(world)))
    assert ("c1", "r") not in await pairs(world, product_visible_categories(party(world)))


async def test_inactive_categories_and_catalogs_hide_products_too(world: Shop) -> None:
    await world.show("c1", "r", "b1", ViewAllProducts=True)
    await world.ok("PATCH", "/v1/catalogs/c1/categories/r1", {"Active": False})
    assert await pairs(world, product_visible_categories(party(world), "c1")) == {("c1", "r"), ("c1", "r2")}
    await world.ok("PATCH", "/v1/catalogs/c1", {"Active": False})
    assert await pairs(world, product_visible_categories(party(world), "c1")) == set()
    assert await pairs(world, visible_categories(party(world))) == {("c2", "s")}


async def test_the_documented_product_query(world: Shop) -> None:
    """The example of the module docstring, as one statement with the caller's groups as a subquery."""
    for product in ("p1", "p2", "p3"):
        await world.product(product)
    await world.ok("POST", "/v1/catalogs/c1/categories/productassignments", {"CategoryID": "r11", "ProductID": "p1"})
    await world.ok("POST", "/v1/catalogs/c1/categories/productassignments", {"CategoryID": "r2", "ProductID": "p2"})
    await world.ok("POST", "/v1/catalogs/c2/categories/productassignments", {"CategoryID": "s", "ProductID": "p3"})
    await world.show("c1", "r1", "b1", UserGroupID="g1", ViewAllProducts=True)
    uid = await world.callers.user(UserType.BUYER, "b1", user_id="u1")
    await world.join("b1", "g1", "u1")
    caller = Caller(world.callers.marketplace_id, uid, "u1", "u1", UserType.BUYER, "b1", "client", frozenset(), "t")
    party = party_of(caller)
    assert party is not None
    through = product_visible_categories(party).subquery("through")
    cp = category_products.c
    visible = exists().where(
        cp.marketplace_id == caller.marketplace_id,
        cp.product_id == products.c.id,
        cp.catalog_id == through.c.catalog_id,
        cp.category_id == through.c.category_id,
    )
    query = select(products.c.id).where(products.c.marketplace_id == caller.marketplace_id, visible)
    async with world.callers.database.transaction(write=False) as connection:
        found = {row.id for row in (await connection.execute(query)).all()}
    assert found == {"p1", "p3"}  # p2's category r2 has no ViewAllProducts for this user
