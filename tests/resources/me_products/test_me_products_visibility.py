"""/me/products: every path to visibility (SEMANTICS.md §3.1) and the price precedence (§3.2), each toggled on and
off through the admin API, on both databases."""

from __future__ import annotations

import httpx
import pytest

from tests.resources.me_products.conftest import URL, Market, price_of, seen


@pytest.fixture
async def world(market: Market) -> Market:
    """Buyers b1 and b2 (default catalogs b1, b2: ViewAll*); catalog c assigned to b1 without ViewAll*, its tree
    r (r1 (r11), r2); b1's groups g1 (u1) and g2 (nobody); users u1, u2 of b1 and v1 of b2."""
    await market.buyer("b1")
    await market.buyer("b2")
    await market.catalog("c")
    await market.assign("c", "b1", categories=False, products=False)
    await market.category("c", "r")
    await market.category("c", "r1", "r")
    await market.category("c", "r11", "r1")
    await market.category("c", "r2", "r")
    market.headers["u1"] = await market.user("b1", "u1")
    market.headers["u2"] = await market.user("b1", "u2")
    market.headers["v1"] = await market.user("b2", "v1")
    await market.group("b1", "g1", "u1")
    await market.group("b1", "g2")
    return market


async def test_catalog_view_all_products(client: httpx.AsyncClient, world: Market) -> None:
    u1, u2, v1 = world.headers["u1"], world.headers["u2"], world.headers["v1"]
    await world.product("mine")
    await world.product("theirs")
    await world.product("nowhere")
    await world.in_catalog("b1", "mine")
    await world.in_catalog("b2", "theirs")
    assert await seen(client, u1) == ["mine"]
    assert await seen(client, u2) == ["mine"]
    assert await seen(client, v1) == ["theirs"]
    assert (await client.get(f"{URL}/theirs", headers=u1)).status_code == 404
    assert (await client.get(f"{URL}/nowhere", headers=u1)).status_code == 404

    # An inactive product, or a product only in an inactive catalog, is hidden.
    await world.patch_product("mine", Active=False)
    assert await seen(client, u1) == []
    assert (await client.get(f"{URL}/mine", headers=u1)).status_code == 404
    await world.patch_product("mine", Active=True)
    await world.ok("PATCH", "/v1/catalogs/b1", {"Active": False})
    assert await seen(client, u1) == []
    await world.ok("PATCH", "/v1/catalogs/b1", {"Active": True})
    assert await seen(client, u1) == ["mine"]


async def test_a_catalog_that_is_not_assigned_shows_nothing(client: httpx.AsyncClient, world: Market) -> None:
    u1 = world.headers["u1"]
    await world.catalog("loose")
    await world.product("p")
    await world.in_catalog("loose", "p")
    assert await seen(client, u1) == []
    await world.assign("loose", "b1", categories=True, products=False)
    assert await seen(client, u1) == []
    await world.assign("loose", "b1", categories=True, products=True)
    assert await seen(client, u1) == ["p"]
    await world.ok("DELETE", "/v1/catalogs/loose/assignments", buyerID="b1")
    assert await seen(client, u1) == []


async def test_category_view_all_products_is_inherited_tri_state(client: httpx.AsyncClient, world: Market) -> None:
    u1, u2 = world.headers["u1"], world.headers["u2"]
    for category in ("r", "r1", "r11", "r2"):
        await world.product(f"p-{category}")
        await world.in_category("c", category, f"p-{category}")
    everything = ["p-r", "p-r1", "p-r11", "p-r2"]
    # Unassigned categories fall back to the catalog assignment's ViewAllProducts (false).
    assert await seen(client, u1) == []
    # Visible alone does not show products.
    await world.show("c", "r", "b1", Visible=True)
    assert await seen(client, u1) == []
    # A true at the root reaches every category below it that leaves the setting null…
    await world.show("c", "r", "b1", ViewAllProducts=True)
    assert await seen(client, u1) == everything
    # …an explicit false below overrides it for that subtree…
    await world.show("c", "r1", "b1", ViewAllProducts=False)
    assert await seen(client, u1) == ["p-r", "p-r2"]
    # …and a true further down, for one group only, overrides that for the group's members.
    await world.show("c", "r11", "b1", UserGroupID="g1", ViewAllProducts=True)
    assert await seen(client, u1) == ["p-r", "p-r11", "p-r2"]
    assert await seen(client, u2) == ["p-r", "p-r2"]
    # An explicit true under an explicit false shows the child's subtree only.
    await world.show("c", "r", "b1", ViewAllProducts=False)
    await world.show("c", "r1", "b1", ViewAllProducts=True)
    assert await seen(client, u2) == ["p-r1", "p-r11"]
    # An inactive category hides itself and everything below it, whatever the assignments say.
    await world.ok("PATCH", "/v1/catalogs/c/categories/r1", {"Active": False})
    assert await seen(client, u1) == []
    await world.ok("PATCH", "/v1/catalogs/c/categories/r1", {"Active": True})
    assert await seen(client, u2) == ["p-r1", "p-r11"]
    # The catalog must be active too.
    await world.ok("PATCH", "/v1/catalogs/c", {"Active": False})
    assert await seen(client, u2) == []


async def test_product_assignments_to_the_buyer_or_a_group(client: httpx.AsyncClient, world: Market) -> None:
    u1, u2, v1 = world.headers["u1"], world.headers["u2"], world.headers["v1"]
    await world.product("p")
    await world.in_catalog("c", "p")
    assert await seen(client, u1) == []
    await world.offer("p", "b1", "g1")
    assert await seen(client, u1) == ["p"]
    assert await seen(client, u2) == []
    await world.offer("p", "b1")
    assert await seen(client, u2) == ["p"]
    assert await seen(client, v1) == []
    # The assignment needs the product in an active catalog of the buyer.
    await world.ok("PATCH", "/v1/catalogs/c", {"Active": False})
    assert await seen(client, u1) == []
    await world.ok("PATCH", "/v1/catalogs/c", {"Active": True})
    await world.ok("DELETE", "/v1/catalogs/c/productassignments/p")
    assert await seen(client, u1) == []


async def test_price_precedence(client: httpx.AsyncClient, world: Market) -> None:
    u1, u2 = world.headers["u1"], world.headers["u2"]
    for schedule, price in (("list", 10.0), ("contract", 9.0), ("group", 8.0), ("lower-case", 7.0), ("Upper", 6.0)):
        await world.schedule(schedule, price)
    await world.product("x", DefaultPriceScheduleID="list")
    await world.in_catalog("b1", "x")
    assert await price_of(client, u1, "x") == "list"

    await world.offer("x", "b1", price="contract")
    assert await price_of(client, u1, "x") == "contract"
    await world.offer("x", "b1", "g1", price="group")
    assert await price_of(client, u1, "x") == "group"
    assert await price_of(client, u2, "x") == "contract"

    # Two groups of the same user price it: the group ID first in code-point order wins ("G" < "g").
    await world.group("b1", "G0", "u2")
    await world.group("b1", "g0", "u2")
    await world.offer("x", "b1", "g0", price="lower-case")
    assert await price_of(client, u2, "x") == "lower-case"
    await world.offer("x", "b1", "G0", price="Upper")
    assert await price_of(client, u2, "x") == "Upper"

    # A group assignment without a price leaves the next level's.
    await world.offer("x", "b1", "g1")
    assert await price_of(client, u1, "x") == "contract"
    await world.ok("DELETE", "/v1/products/x/assignments/b1")
    assert await price_of(client, u1, "x") == "list"


async def test_no_price_is_visible_but_not_priced(client: httpx.AsyncClient, world: Market) -> None:
    u1 = world.headers["u1"]
    await world.product("free")
    await world.in_catalog("b1", "free")
    assert await price_of(client, u1, "free") is None


async def test_the_embedded_schedule(client: httpx.AsyncClient, world: Market) -> None:
    u1 = world.headers["u1"]
    sale = {"SaleStart": "2020-01-01T00:00:00Z", "SaleEnd": "2999-01-01T00:00:00Z"}
    breaks = [{"Quantity": 1, "Price": 5, "SalePrice": 4}, {"Quantity": 10, "Price": 4.5}]
    await world.ok("POST", "/v1/priceschedules", {"ID": "s", "Name": "S", "PriceBreaks": breaks} | sale)
    await world.product("p", DefaultPriceScheduleID="s", xp={"Color": "Red"})
    await world.in_catalog("b1", "p")
    product = (await client.get(f"{URL}/p", headers=u1)).json()
    schedule = product.pop("PriceSchedule")
    assert schedule["IsOnSale"] is True
    assert [b["Price"] for b in schedule["PriceBreaks"]] == [5, 4.5]
    assert schedule["PriceBreaks"][0]["SalePrice"] == 4
    admin_view = (await client.get("/v1/products/p", headers=world.admin)).json()
    assert product == admin_view


async def test_child_products_follow_their_parent(client: httpx.AsyncClient, world: Market) -> None:
    u1 = world.headers["u1"]
    await world.schedule("parent-price", 3.0)
    await world.schedule("child-price", 2.0)
    await world.product("shirt", IsParent=True, DefaultPriceScheduleID="parent-price")
    await world.product("shirt-red", ParentID="shirt")
    await world.product("shirt-blue", ParentID="shirt", DefaultPriceScheduleID="child-price")
    await world.product("shirt-grey", ParentID="shirt", active=False)
    assert await seen(client, u1) == []
    await world.in_catalog("b1", "shirt")
    assert await seen(client, u1) == ["shirt", "shirt-blue", "shirt-red"]
    assert await price_of(client, u1, "shirt-red") == "parent-price"
    assert await price_of(client, u1, "shirt-blue") == "child-price"
    await world.patch_product("shirt", Active=False)
    assert await seen(client, u1) == []
    assert (await client.get(f"{URL}/shirt-red", headers=u1)).status_code == 404


async def test_admins_and_other_users(client: httpx.AsyncClient, world: Market) -> None:
    await world.product("p")
    await world.in_catalog("b1", "p")
    admin = world.admin
    assert await seen(client, admin) == []
    assert (await client.get(f"{URL}/p", headers=admin)).status_code == 404
    no_shopper = await world.user("b1", "u3", "CatalogReader")
    assert (await client.get(URL, headers=no_shopper)).status_code == 403
    u1 = world.headers["u1"]
    assert await seen(client, u1, sellerID=world.callers.marketplace_id) == ["p"]
    other = await client.get(URL, params={"sellerID": "nobody"}, headers=u1)
    assert other.status_code == 404
    assert other.json()["Errors"][0]["ErrorCode"] == "NotFound"
