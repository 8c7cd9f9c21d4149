"""/catalogs/{catalogID}/categories/assignments and /productassignments."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import Shop, error

URL = "/v1/catalogs/c1/categories"


@pytest.fixture
async def world(shop: Shop) -> Shop:
    await shop.buyer("b1")
    await shop.buyer("b2")
    await shop.group("b1", "g1")
    await shop.group("b1", "g2")
    await shop.group("b2", "gx")
    await shop.catalog("c1")
    await shop.category("c1", "cat1")
    await shop.category("c1", "cat2", "cat1")
    for product in ("p1", "p2"):
        await shop.product(product)
    return shop


async def assignments(client: httpx.AsyncClient, shop: Shop, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"{URL}/assignments", params=params, headers=shop.admin)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


async def test_save_replace_list_delete(client: httpx.AsyncClient, world: Shop) -> None:
    post = f"{URL}/assignments"
    admin = await world.callers.headers(Role.CategoryAdmin)
    saves = [
        {"CategoryID": "cat2", "BuyerID": "b1", "Visible": True},
        {"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": "g1", "Visible": False, "ViewAllProducts": True},
        {"CategoryID": "cat1", "BuyerID": "b1"},
        {"CategoryID": "cat1", "BuyerID": "b2", "UserGroupID": "gx", "ViewAllProducts": False},
    ]
    for body in saves:
        assert (await client.post(post, json=body, headers=admin)).status_code == 204, body
    assert await assignments(client, world) == [
        {"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": None, "Visible": None, "ViewAllProducts": None},
        {"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": "g1", "Visible": False, "ViewAllProducts": True},
        {"CategoryID": "cat1", "BuyerID": "b2", "UserGroupID": "gx", "Visible": None, "ViewAllProducts": False},
        {"CategoryID": "cat2", "BuyerID": "b1", "UserGroupID": None, "Visible": True, "ViewAllProducts": None},
    ]
    replaced = {"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": "g1", "Visible": True}
    assert (await client.post(post, json=replaced, headers=admin)).status_code == 204
    group = await assignments(client, world, userGroupID="g1")
    assert group == [replaced | {"ViewAllProducts": None}]

    def keys(items: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
        return [(a["CategoryID"], a["BuyerID"], a["UserGroupID"]) for a in items]

    assert keys(await assignments(client, world, categoryID="cat2")) == [("cat2", "b1", None)]
    assert keys(await assignments(client, world, buyerID="b2")) == [("cat1", "b2", "gx")]
    assert keys(await assignments(client, world, level="group")) == [("cat1", "b1", "g1"), ("cat1", "b2", "gx")]
    assert keys(await assignments(client, world, level="Company")) == [("cat1", "b1", None), ("cat2", "b1", None)]
    assert await assignments(client, world, level="User") == []
    assert await assignments(client, world, userID="u1") == []

    delete = f"{URL}/cat1/assignments"
    assert (
        await client.delete(delete, params={"buyerID": "b1", "userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert (
        await client.delete(delete, params={"buyerID": "b1", "userGroupID": "g1"}, headers=admin)
    ).status_code == 204
    assert (await client.delete(delete, params={"buyerID": "b1"}, headers=admin)).status_code == 204
    assert keys(await assignments(client, world)) == [("cat1", "b2", "gx"), ("cat2", "b1", None)]


async def test_assignment_validation(client: httpx.AsyncClient, world: Shop) -> None:
    post = f"{URL}/assignments"
    cases: list[tuple[dict[str, Any], int, str, Any]] = [
        ({"CategoryID": "cat1"}, 400, "PartyAssignment.RequiresBuyer", None),
        ({"CategoryID": "cat1", "BuyerID": "b1", "UserID": "u1"}, 400, "PartyAssignment.UserLevelNotAllowed", None),
        (
            {"CategoryID": "cat1", "BuyerID": "b1", "UserID": "u1", "UserGroupID": "g1"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({"BuyerID": "b1"}, 400, "ValidationFailure", {"Field": "CategoryID"}),
        ({"CategoryID": "cat1", "BuyerID": "b1", "Visible": "yes"}, 400, "ValidationFailure", {"Field": "Visible"}),
        ({"CategoryID": "nope", "BuyerID": "b1"}, 404, "NotFound", {"ObjectType": "Category", "ObjectID": "nope"}),
        ({"CategoryID": "cat1", "BuyerID": "nope"}, 404, "NotFound", {"ObjectType": "Buyer", "ObjectID": "nope"}),
        (
            {"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": "gx"},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "gx"},
        ),
    ]
    for body, status, code, data in cases:
        response = await client.post(post, json=body, headers=world.admin)
        assert response.status_code == status, (body, response.text)
        assert error(response)["ErrorCode"] == code, body
        if data is not None:
            assert error(response)["Data"] == data, body
    missing_catalog = await client.post(
        "/v1/catalogs/nope/categories/assignments", json={"CategoryID": "cat1", "BuyerID": "b1"}, headers=world.admin
    )
    assert missing_catalog.status_code == 404
    delete = f"{URL}/cat1/assignments"
    for params, status, code in (
        ({}, 400, "PartyAssignment.RequiresBuyer"),
        ({"buyerID": "b1", "userID": "u1"}, 400, "PartyAssignment.UserLevelNotAllowed"),
        ({"buyerID": "nope"}, 404, "NotFound"),
    ):
        response = await client.delete(delete, params=params, headers=world.admin)
        assert response.status_code == status, params
        assert error(response)["ErrorCode"] == code
    assert (
        await client.delete(f"{URL}/nope/assignments", params={"buyerID": "b1"}, headers=world.admin)
    ).status_code == 404
    for params in ({"search": "x"}, {"sortBy": "CategoryID"}, {"Visible": "true"}, {"level": "Everyone"}):
        response = await client.get(f"{URL}/assignments", params=params, headers=world.admin)
        assert response.status_code == 400, params


async def test_groups_renamed_or_deleted_take_their_assignments_along(client: httpx.AsyncClient, world: Shop) -> None:
    await world.show("c1", "cat1", "b1", UserGroupID="g1", Visible=True)
    await world.show("c1", "cat1", "b1", UserGroupID="g2", Visible=False)
    await world.ok("PATCH", "/v1/buyers/b1/usergroups/g1", {"ID": "g1-renamed"})
    await world.ok("DELETE", "/v1/buyers/b1/usergroups/g2")
    assert [a["UserGroupID"] for a in await assignments(client, world)] == ["g1-renamed"]


async def test_buyer_users_assign_within_their_own_buyer(client: httpx.AsyncClient, world: Shop) -> None:
    await world.assign("c1", "b1", categories=False)
    await world.assign("c1", "b2", categories=False)
    user = await world.user("b1", "u1", Role.CategoryAdmin)
    post = f"{URL}/assignments"
    assert (
        await client.post(post, json={"CategoryID": "cat1", "BuyerID": "b1", "UserGroupID": "g1"}, headers=user)
    ).status_code == 204
    other = await client.post(post, json={"CategoryID": "cat1", "BuyerID": "b2"}, headers=user)
    assert other.status_code == 404
    assert error(other)["Data"]["ObjectType"] == "Buyer"
    await world.show("c1", "cat1", "b2", Visible=True)
    listed = await client.get(post, headers=user)
    assert [(a["BuyerID"], a["UserGroupID"]) for a in listed.json()["Items"]] == [("b1", "g1")]
    removed = await client.delete(f"{URL}/cat1/assignments", params={"buyerID": "b2"}, headers=user)
    assert removed.status_code == 404
    assert len(await assignments(client, world)) == 2


async def test_product_assignments(client: httpx.AsyncClient, world: Shop) -> None:
    post = f"{URL}/productassignments"
    for body in (
        {"CategoryID": "cat2", "ProductID": "p1", "ListOrder": 5},
        {"CategoryID": "cat1", "ProductID": "p2", "ListOrder": 2},
        {"CategoryID": "cat1", "ProductID": "p1"},
        {"CategoryID": "cat1", "ProductID": "p1", "ListOrder": 1},
    ):
        assert (await client.post(post, json=body, headers=world.admin)).status_code == 204, body
    listed = (await client.get(post, headers=world.admin)).json()["Items"]
    assert listed == [
        {"CategoryID": "cat1", "ProductID": "p1", "ListOrder": 1},
        {"CategoryID": "cat1", "ProductID": "p2", "ListOrder": 2},
        {"CategoryID": "cat2", "ProductID": "p1", "ListOrder": 5},
    ]
    by_product = (await client.get(post, params={"productID": "p1"}, headers=world.admin)).json()["Items"]
    assert [a["CategoryID"] for a in by_product] == ["cat1", "cat2"]
    by_category = (await client.get(post, params={"categoryID": "cat2"}, headers=world.admin)).json()["Items"]
    assert [a["ProductID"] for a in by_category] == ["p1"]
    # Assigning a product to a category put it in the catalog.
    in_catalog = (
        await client.get("/v1/catalogs/productassignments", params={"catalogID": "c1"}, headers=world.admin)
    ).json()
    assert [a["ProductID"] for a in in_catalog["Items"]] == ["p1", "p2"]

    for body, status, field in (
        ({"CategoryID": "cat1", "ProductID": "nope"}, 404, "Product"),
        ({"CategoryID": "nope", "ProductID": "p1"}, 404, "Category"),
        ({"CategoryID": "cat1"}, 400, "ProductID"),
        ({"CategoryID": "cat1", "ProductID": "p1", "ListOrder": 2**31}, 400, "ListOrder"),
    ):
        response = await client.post(post, json=body, headers=world.admin)
        assert response.status_code == status, body
        assert field in (error(response)["Data"].get("ObjectType"), error(response)["Data"].get("Field"))
    assert (await client.delete(f"{URL}/cat1/productassignments/p1", headers=world.admin)).status_code == 204
    assert (await client.delete(f"{URL}/cat1/productassignments/p1", headers=world.admin)).status_code == 204
    assert (await client.delete(f"{URL}/nope/productassignments/p1", headers=world.admin)).status_code == 404
    left = (await client.get(post, params={"categoryID": "cat1"}, headers=world.admin)).json()["Items"]
    assert [a["ProductID"] for a in left] == ["p2"]
    assert (await client.get(post, params={"search": "p"}, headers=world.admin)).status_code == 400
