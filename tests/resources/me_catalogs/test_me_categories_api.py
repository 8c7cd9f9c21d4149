"""/me/categories: which categories a buyer user sees (mercato.catalog.visibility), and the list's own rules.

The catalog ``cat`` holds::

    r1            r2         r3 (inactive)
    ├── r1a       └── r2a    └── r3a
    │   └── r1a1
    └── r1b
"""

from __future__ import annotations

import httpx
import pytest

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import Shop, error, ids

URL = "/v1/me/categories"
EVERY_ACTIVE = {"r1", "r1a", "r1a1", "r1b", "r2", "r2a"}


@pytest.fixture
async def world(shop: Shop) -> Shop:
    await shop.buyer("b1")
    await shop.buyer("b2")
    await shop.catalog("cat")
    await shop.category("cat", "r1", ListOrder=1)
    await shop.category("cat", "r1a", "r1", ListOrder=1)
    await shop.category("cat", "r1a1", "r1a")
    await shop.category("cat", "r1b", "r1", ListOrder=2)
    await shop.category("cat", "r2", ListOrder=2)
    await shop.category("cat", "r2a", "r2")
    await shop.category("cat", "r3", ListOrder=3, active=False)
    await shop.category("cat", "r3a", "r3")
    await shop.group("b1", "g1")
    await shop.group("b1", "g2")
    return shop


@pytest.fixture
async def u1(world: Shop) -> dict[str, str]:
    """A user of b1 in groups g1 and g2."""
    headers = await world.user("b1", "u1")
    await world.join("b1", "g1", "u1")
    await world.join("b1", "g2", "u1")
    return headers


@pytest.fixture
async def u2(world: Shop) -> dict[str, str]:
    """A user of b1 in no group."""
    return await world.user("b1", "u2")


async def seen(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> set[str]:
    query = {"catalogID": "cat", "depth": "all", "pageSize": "100"} | params
    response = await client.get(URL, params=query, headers=headers)
    assert response.status_code == 200, response.text
    return {item["ID"] for item in response.json()["Items"]}


async def test_view_all_categories_shows_every_active_category(
    client: httpx.AsyncClient, world: Shop, u2: dict[str, str]
) -> None:
    await world.assign("cat", "b1", categories=True)
    assert await seen(client, u2) == EVERY_ACTIVE  # r3 is inactive: it and its subtree are hidden
    await world.ok("PATCH", "/v1/catalogs/cat/categories/r1a", {"Active": False})
    assert await seen(client, u2) == {"r1", "r1b", "r2", "r2a"}


async def test_without_view_all_categories_only_assigned_ones_show(
    client: httpx.AsyncClient, world: Shop, u2: dict[str, str]
) -> None:
    await world.assign("cat", "b1", categories=False)
    assert await seen(client, u2) == set()
    await world.show("cat", "r1", "b1", Visible=True)
    assert await seen(client, u2) == {"r1", "r1a", "r1a1", "r1b"}  # children inherit true
    await world.show("cat", "r1a", "b1", Visible=None, ViewAllProducts=True)
    assert await seen(client, u2) == {"r1", "r1a", "r1a1", "r1b"}  # null inherits
    await world.show("cat", "r1a", "b1", Visible=False)
    assert await seen(client, u2) == {"r1", "r1b"}  # explicit false overrides, and is inherited below
    await world.show("cat", "r1a1", "b1", Visible=True)
    assert await seen(client, u2) == {"r1", "r1b", "r1a1"}  # explicit true under a hidden parent
    await world.show("cat", "r3", "b1", Visible=True)
    await world.show("cat", "r3a", "b1", Visible=True)
    assert "r3a" not in await seen(client, u2)  # an inactive ancestor hides whatever the assignments say


async def test_explicit_false_hides_under_view_all_categories(
    client: httpx.AsyncClient, world: Shop, u2: dict[str, str]
) -> None:
    await world.assign("cat", "b1", categories=True)
    await world.show("cat", "r1", "b1", Visible=False)
    assert await seen(client, u2) == {"r2", "r2a"}
    await world.show("cat", "r1b", "b1", Visible=True)
    assert await seen(client, u2) == {"r2", "r2a", "r1b"}


async def test_group_assignments(
    client: httpx.AsyncClient, world: Shop, u1: dict[str, str], u2: dict[str, str]
) -> None:
    await world.assign("cat", "b1", categories=False)
    await world.show("cat", "r2", "b1", UserGroupID="g1", Visible=True)
    assert await seen(client, u1) == {"r2", "r2a"}
    assert await seen(client, u2) == set()
    # At one category, any true wins over false, and false over null: buyer false + group true is true ...
    await world.show("cat", "r2", "b1", Visible=False)
    assert await seen(client, u1) == {"r2", "r2a"}
    assert await seen(client, u2) == set()
    # ... two groups false + true is true, false + null is false.
    await world.show("cat", "r2", "b1", UserGroupID="g2", Visible=False)
    assert await seen(client, u1) == {"r2", "r2a"}
    await world.show("cat", "r2", "b1", UserGroupID="g1", Visible=None)
    assert await seen(client, u1) == set()
    # Group settings inherit down the tree like buyer ones.
    await world.show("cat", "r2a", "b1", UserGroupID="g1", Visible=True)
    assert await seen(client, u1) == {"r2a"}
    # A user who leaves a group loses what it gave.
    await world.ok("DELETE", "/v1/buyers/b1/usergroups/g1/assignments/u1")
    assert await seen(client, u1) == set()


async def test_inactive_or_unassigned_catalogs_show_nothing(
    client: httpx.AsyncClient, world: Shop, u2: dict[str, str]
) -> None:
    await world.assign("cat", "b1", categories=True)
    await world.ok("PATCH", "/v1/catalogs/cat", {"Active": False})
    assert await seen(client, u2) == set()
    assert (await client.get(f"{URL}/r1", params={"catalogID": "cat"}, headers=u2)).status_code == 404
    await world.ok("PATCH", "/v1/catalogs/cat", {"Active": True})
    assert await seen(client, u2) == EVERY_ACTIVE
    await world.ok("DELETE", "/v1/catalogs/cat/assignments", buyerID="b1")
    assert await seen(client, u2) == set()
    assert await seen(client, u2, catalogID="nope") == set()


async def test_two_buyers_are_isolated(client: httpx.AsyncClient, world: Shop, u2: dict[str, str]) -> None:
    await world.assign("cat", "b2", categories=True)
    other = await world.user("b2", "v1")
    assert await seen(client, u2) == set()  # the catalog is b2's, not b1's
    assert await seen(client, other) == EVERY_ACTIVE
    await world.assign("cat", "b1", categories=False)
    await world.show("cat", "r1", "b2", Visible=False)
    await world.show("cat", "r2", "b1", Visible=True)
    assert await seen(client, u2) == {"r2", "r2a"}
    assert await seen(client, other) == {"r2", "r2a"}
    # b2's group (same ID as b1's) gives b1's users nothing.
    await world.group("b2", "g1", "v1")
    await world.show("cat", "r1", "b2", UserGroupID="g1", Visible=True)
    await world.join("b1", "g1", "u2")
    assert await seen(client, u2) == {"r2", "r2a"}
    assert await seen(client, other) == EVERY_ACTIVE


async def test_depth_parent_and_order(client: httpx.AsyncClient, world: Shop, u2: dict[str, str]) -> None:
    await world.assign("cat", "b1", categories=True)

    async def listed(**params: str) -> list[str]:
        return ids(await client.get(URL, params={"catalogID": "cat"} | params, headers=u2))

    assert await listed() == ["r1", "r2"]  # depth 1 by default; r3 is inactive
    assert await listed(depth="2") == ["r2a", "r1", "r1a", "r1b", "r2"]  # ListOrder (nulls first), then Name
    assert await listed(depth="all", sortBy="ID") == ["r1", "r1a", "r1a1", "r1b", "r2", "r2a"]
    assert await listed(ParentID="r1") == ["r1a", "r1b"]
    assert await listed(ParentID="r1", depth="all") == ["r1a1", "r1a", "r1b"]
    assert await listed(ParentID="r3", depth="all") == []
    assert await listed(depth="all", search="a1") == ["r1a1"]
    assert await listed(depth="all", ChildCount=">0", sortBy="ID") == ["r1", "r1a", "r2"]
    bad = await client.get(URL, params={"depth": "none"}, headers=u2)
    assert bad.status_code == 400
    assert error(bad)["ErrorCode"] == "Category.InvalidDepth"
    assert (await client.get(URL, params={"sortBy": "Description"}, headers=u2)).status_code == 400


async def test_child_count_counts_visible_children(client: httpx.AsyncClient, world: Shop, u2: dict[str, str]) -> None:
    await world.assign("cat", "b1", categories=True)
    await world.show("cat", "r1b", "b1", Visible=False)
    items = (await client.get(URL, params={"catalogID": "cat"}, headers=u2)).json()["Items"]
    assert {item["ID"]: item["ChildCount"] for item in items} == {"r1": 1, "r2": 1}
    one = await client.get(f"{URL}/r1", params={"catalogID": "cat"}, headers=u2)
    assert one.json() == {
        "ID": "r1",
        "Name": "r1",
        "Description": None,
        "ListOrder": 1,
        "Active": True,
        "ParentID": None,
        "ChildCount": 1,
        "xp": None,
    }


async def test_default_catalog_and_product_filter(client: httpx.AsyncClient, world: Shop, u2: dict[str, str]) -> None:
    # b1's default catalog is "b1" (made with the buyer, ViewAllCategories true).
    await world.category("b1", "home")
    await world.category("b1", "home-kid", "home")
    await world.category("b1", "other")
    assert ids(await client.get(URL, headers=u2)) == ["home", "other"]
    assert ids(await client.get(URL, params={"catalogID": ""}, headers=u2)) == ["home", "other"]
    assert (await client.get(f"{URL}/home-kid", headers=u2)).json()["ParentID"] == "home"
    assert ids(await client.get(URL, params={"ParentID": "home", "depth": "all"}, headers=u2)) == ["home-kid"]
    assert ids(await client.get(URL, params={"ParentID": "home", "depth": "2"}, headers=u2)) == ["home-kid"]
    assert (await client.get(f"{URL}/r1", headers=u2)).status_code == 404  # r1 is in "cat", not the default
    await world.product("p1")
    await world.ok(
        "POST", "/v1/catalogs/b1/categories/productassignments", {"CategoryID": "home-kid", "ProductID": "p1"}
    )
    await world.ok("POST", "/v1/catalogs/b1/categories/productassignments", {"CategoryID": "other", "ProductID": "p1"})
    assert ids(await client.get(URL, params={"productID": "p1"}, headers=u2)) == ["other"]
    assert ids(await client.get(URL, params={"productID": "p1", "depth": "all"}, headers=u2)) == ["home-kid", "other"]
    assert ids(await client.get(URL, params={"productID": "p2", "depth": "all"}, headers=u2)) == []


async def test_get_category(client: httpx.AsyncClient, world: Shop, u2: dict[str, str]) -> None:
    await world.assign("cat", "b1", categories=False)
    await world.show("cat", "r1a", "b1", Visible=True)
    found = await client.get(f"{URL}/r1a1", params={"catalogID": "cat"}, headers=u2)
    assert found.status_code == 200
    for hidden in ("r1", "r3a", "nope"):
        response = await client.get(f"{URL}/{hidden}", params={"catalogID": "cat"}, headers=u2)
        assert response.status_code == 404, hidden
        assert error(response)["Data"] == {"ObjectType": "Category", "ObjectID": hidden}


async def test_admin_users_see_nothing_and_roles_are_checked(client: httpx.AsyncClient, world: Shop) -> None:
    admin = await world.callers.headers(Role.Shopper)
    assert ids(await client.get(URL, params={"catalogID": "cat"}, headers=admin)) == []
    assert (await client.get(f"{URL}/r1", params={"catalogID": "cat"}, headers=admin)).status_code == 404
    no_shopper = await world.user("b1", "u3", Role.CategoryAdmin)
    refused = await client.get(URL, headers=no_shopper)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
