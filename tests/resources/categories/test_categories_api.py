"""/catalogs/{catalogID}/categories: CRUD, the tree rules, depth, adjustListOrders, subtree deletion, renames."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.catalogs.shop import Shop, error, ids

URL = "/v1/catalogs/c1/categories"


@pytest.fixture
async def tree(shop: Shop) -> Shop:
    """c1: a (b (d (f)), c), e — with ListOrders to order siblings."""
    await shop.catalog("c1")
    await shop.category("c1", "a", ListOrder=1)
    await shop.category("c1", "e", ListOrder=2)
    await shop.category("c1", "b", "a", ListOrder=1)
    await shop.category("c1", "c", "a", ListOrder=2)
    await shop.category("c1", "d", "b")
    await shop.category("c1", "f", "d")
    return shop


async def listed(client: httpx.AsyncClient, shop: Shop, **params: Any) -> list[str]:
    return ids(await client.get(URL, params=params, headers=shop.admin))


async def test_crud(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    admin = await shop.callers.headers(Role.CategoryAdmin)
    body = {"ID": "tools", "Name": "Tools", "Description": "Hand tools", "ListOrder": 3, "Active": True, "xp": {"k": 1}}
    made = await client.post(URL, json=body, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/catalogs/c1/categories/tools"
    expected = body | {"ParentID": None, "ChildCount": 0}
    assert made.json() == expected
    assert list(made.json()) == ["ID", "Name", "Description", "ListOrder", "Active", "ParentID", "ChildCount", "xp"]
    assert (await client.get(f"{URL}/tools", headers=admin)).json() == expected

    child = await client.post(URL, json={"ID": "saws", "Name": "Saws", "ParentID": "tools"}, headers=admin)
    assert child.json() == {
        "ID": "saws",
        "Name": "Saws",
        "Description": None,
        "ListOrder": None,
        "Active": False,
        "ParentID": "tools",
        "ChildCount": 0,
        "xp": None,
    }
    assert (await client.get(f"{URL}/tools", headers=admin)).json()["ChildCount"] == 1

    patched = await client.patch(f"{URL}/tools", json={"Name": "All tools", "xp": {"j": 2}}, headers=admin)
    assert patched.json() == expected | {"Name": "All tools", "xp": {"k": 1, "j": 2}, "ChildCount": 1}
    saved = await client.put(f"{URL}/tools", json={"Name": "Tools"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": "tools",
        "Name": "Tools",
        "Description": None,
        "ListOrder": None,
        "Active": False,
        "ParentID": None,
        "ChildCount": 1,
        "xp": None,
    }
    created = await client.put(f"{URL}/glue", json={"Name": "Glue", "ParentID": ""}, headers=admin)
    assert created.status_code == 200
    assert created.json()["ParentID"] is None
    assert (await client.post(URL, json={"ID": "tools", "Name": "x"}, headers=admin)).status_code == 409
    assert (await client.delete(f"{URL}/glue", headers=admin)).status_code == 204
    assert (await client.get(f"{URL}/glue", headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/glue", headers=admin)).status_code == 404

    # Category IDs are unique per catalog: another catalog may reuse one.
    await shop.catalog("c2")
    assert (
        await client.post("/v1/catalogs/c2/categories", json={"ID": "tools", "Name": "x"}, headers=admin)
    ).status_code == 201
    for path in ("/v1/catalogs/nope/categories", "/v1/catalogs/nope/categories/tools"):
        missing = await client.get(path, headers=admin)
        assert missing.status_code == 404
        assert error(missing)["Data"] == {"ObjectType": "Catalog", "ObjectID": "nope"}


async def test_validation(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    cases = [
        ({}, "Name"),
        ({"Name": ""}, "Name"),
        ({"Name": "x" * 101}, "Name"),
        ({"Name": "x", "Description": "d" * 2001}, "Description"),
        ({"Name": "x", "ListOrder": -1}, "ListOrder"),
        ({"Name": "x", "ListOrder": 2**31}, "ListOrder"),
        ({"Name": "x", "ListOrder": "1"}, "ListOrder"),
        ({"Name": "x", "ParentID": 5}, "ParentID"),
        ({"Name": "x", "ID": "a b"}, "ID"),
        ({"Name": "x", "ID": "ASSIGNMENTS"}, "ID"),
        ({"Name": "x", "ID": "productAssignments"}, "ID"),
    ]
    for body, field in cases:
        response = await client.post(URL, json=body, headers=shop.admin)
        assert response.status_code == 400, (body, response.text)
        assert error(response)["Data"]["Field"] == field, body
    orphan = await client.post(URL, json={"Name": "x", "ParentID": "nope"}, headers=shop.admin)
    assert orphan.status_code == 404
    assert error(orphan)["Data"] == {"ObjectType": "Category", "ObjectID": "nope"}
    await shop.catalog("c2")
    await shop.category("c2", "elsewhere")
    other_catalog = await client.post(URL, json={"Name": "x", "ParentID": "elsewhere"}, headers=shop.admin)
    assert other_catalog.status_code == 404
    bad_adjust = await client.post(URL, params={"adjustListOrders": "yes"}, json={"Name": "x"}, headers=shop.admin)
    assert bad_adjust.status_code == 400
    assert error(bad_adjust)["Data"]["Field"] == "adjustListOrders"


async def test_cycles_are_refused(client: httpx.AsyncClient, tree: Shop) -> None:
    admin = tree.admin
    cases = [
        ("POST", URL, {"ID": "self", "Name": "x", "ParentID": "self"}),
        ("PATCH", f"{URL}/a", {"ParentID": "a"}),
        ("PUT", f"{URL}/a", {"Name": "a", "ParentID": "a"}),
        ("PATCH", f"{URL}/a", {"ParentID": "b"}),  # a child
        ("PATCH", f"{URL}/a", {"ParentID": "f"}),  # three levels down
        ("PUT", f"{URL}/b", {"Name": "b", "ParentID": "f"}),
        ("PATCH", f"{URL}/b", {"ID": "b2", "ParentID": "b2"}),  # its new self
        ("PATCH", f"{URL}/d", {"ParentID": "f"}),
    ]
    for method, path, body in cases:
        response = await client.request(method, path, json=body, headers=admin)
        assert response.status_code == 400, (method, path, body, response.text)
        assert error(response)["ErrorCode"] == "Category.CircularReference", body
    assert await listed(client, tree, depth="all", sortBy="ID") == ["a", "b", "c", "d", "e", "f"]
    # Moves that form no loop are fine: f to the root, a below e.
    assert (await client.patch(f"{URL}/f", json={"ParentID": None}, headers=admin)).status_code == 200
    assert (await client.patch(f"{URL}/a", json={"ParentID": "e"}, headers=admin)).json()["ParentID"] == "e"
    assert (
        await client.patch(f"{URL}/e", json={"ParentID": "d"}, headers=admin)
    ).status_code == 400  # d is below e now


async def test_depth(client: httpx.AsyncClient, tree: Shop) -> None:
    assert await listed(client, tree) == ["a", "e"]
    assert await listed(client, tree, depth="1") == ["a", "e"]
    assert await listed(client, tree, depth="2") == ["a", "b", "c", "e"]  # ListOrder, then Name
    assert await listed(client, tree, depth="3", sortBy="ID") == ["a", "b", "c", "d", "e"]
    assert await listed(client, tree, depth="ALL", sortBy="ID") == ["a", "b", "c", "d", "e", "f"]
    assert await listed(client, tree, depth="999999999999", sortBy="ID") == ["a", "b", "c", "d", "e", "f"]
    # Relative to a plain ParentID filter.
    assert await listed(client, tree, ParentID="a") == ["b", "c"]
    assert await listed(client, tree, ParentID="A") == ["b", "c"]  # filter values ignore case
    assert await listed(client, tree, ParentID="a", depth="2", sortBy="ID") == ["b", "c", "d"]
    assert await listed(client, tree, ParentID="a", depth="all", sortBy="ID") == ["b", "c", "d", "f"]
    assert await listed(client, tree, ParentID="b", depth="all") == ["d", "f"]
    assert await listed(client, tree, ParentID="f", depth="all") == []
    assert await listed(client, tree, ParentID="nope") == []
    # Other ParentID filters are literal, and depth counts from the root.
    assert await listed(client, tree, ParentID="a|b", depth="all", sortBy="ID") == ["b", "c", "d"]
    assert await listed(client, tree, ParentID="!*") == ["a", "e"]
    assert await listed(client, tree, ParentID="!a", depth="2") == ["a", "e"]
    # Filters and search apply within the span.
    assert await listed(client, tree, ID="d") == []
    assert await listed(client, tree, ID="d", depth="all") == ["d"]
    assert await listed(client, tree, depth="all", ChildCount="0", sortBy="ID") == ["c", "e", "f"]
    for bad in ("0", "-1", "two", "1.5", "", " "):
        response = await client.get(URL, params={"depth": bad}, headers=tree.admin)
        if bad.strip() == "":
            assert response.status_code == 200  # blank: not given
            continue
        assert response.status_code == 400, bad
        assert error(response)["ErrorCode"] == "Category.InvalidDepth"


async def test_list_paging_and_search(client: httpx.AsyncClient, tree: Shop) -> None:
    page = await client.get(URL, params={"depth": "all", "pageSize": 4, "page": 2}, headers=tree.admin)
    assert page.json()["Meta"]["TotalCount"] == 6
    assert len(page.json()["Items"]) == 2
    await tree.ok("PATCH", f"{URL}/c", {"Description": "Power drills"})
    assert await listed(client, tree, depth="all", search="drill") == ["c"]
    assert await listed(client, tree, depth="all", sortBy="!ID", pageSize=2) == ["f", "e"]
    response = await client.get(URL, params={"sortBy": "Description"}, headers=tree.admin)
    assert response.status_code == 400


async def test_adjust_list_orders(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    for order, name in enumerate(("r0", "r1", "r2")):
        await shop.category("c1", name, ListOrder=order)
    await shop.category("c1", "kid", "r0", ListOrder=1)

    async def orders() -> dict[str, int | None]:
        items = (await client.get(URL, params={"depth": "all"}, headers=shop.admin)).json()["Items"]
        return {item["ID"]: item["ListOrder"] for item in items}

    made = await client.post(
        URL, params={"adjustListOrders": "true"}, json={"ID": "new", "Name": "n", "ListOrder": 1}, headers=shop.admin
    )
    assert made.status_code == 201
    assert await orders() == {"r0": 0, "r1": 2, "r2": 3, "new": 1, "kid": 1}  # siblings only
    assert await listed(client, shop) == ["r0", "new", "r1", "r2"]
    # Without the flag nothing moves.
    await shop.ok("PATCH", f"{URL}/r2", {"ListOrder": 0})
    assert (await orders())["r0"] == 0
    await shop.ok("PATCH", f"{URL}/r2", {"ListOrder": 0}, adjustListOrders="TRUE")
    assert await orders() == {"r0": 1, "r1": 3, "r2": 0, "new": 2, "kid": 1}
    # PUT, and a move to another parent, make room among the new siblings.
    await shop.ok("PUT", f"{URL}/r1", {"Name": "r1", "ParentID": "r0", "ListOrder": 1}, adjustListOrders="true")
    assert await orders() == {"r0": 1, "r1": 1, "r2": 0, "new": 2, "kid": 2}
    await shop.ok("PATCH", f"{URL}/new", {"ListOrder": None}, adjustListOrders="true")
    assert (await orders())["new"] is None


async def test_delete_takes_the_subtree(client: httpx.AsyncClient, tree: Shop) -> None:
    await tree.buyer("b1")
    await tree.product("p1")
    await tree.show("c1", "d", "b1", Visible=True)
    await tree.ok("POST", f"{URL}/productassignments", {"CategoryID": "f", "ProductID": "p1"})
    assert (await client.delete(f"{URL}/b", headers=tree.admin)).status_code == 204
    assert await listed(client, tree, depth="all", sortBy="ID") == ["a", "c", "e"]
    assert (await client.get(f"{URL}/assignments", headers=tree.admin)).json()["Items"] == []
    assert (await client.get(f"{URL}/productassignments", headers=tree.admin)).json()["Items"] == []
    catalog_products = await client.get("/v1/catalogs/productassignments", headers=tree.admin)
    assert catalog_products.json()["Items"] == [{"CatalogID": "c1", "ProductID": "p1"}]  # still in the catalog
    assert (await client.get("/v1/catalogs/c1", headers=tree.admin)).json()["CategoryCount"] == 3


async def test_rename_carries_children_and_assignments(client: httpx.AsyncClient, tree: Shop) -> None:
    await tree.buyer("b1")
    await tree.product("p1")
    await tree.show("c1", "b", "b1", Visible=True)
    await tree.ok("POST", f"{URL}/productassignments", {"CategoryID": "b", "ProductID": "p1"})
    renamed = await client.patch(f"{URL}/b", json={"ID": "b-new"}, headers=tree.admin)
    assert renamed.status_code == 200
    assert renamed.json()["ChildCount"] == 1
    assert (await client.get(f"{URL}/d", headers=tree.admin)).json()["ParentID"] == "b-new"
    assert await listed(client, tree, ParentID="b-new", depth="all") == ["d", "f"]
    shown = (await client.get(f"{URL}/assignments", headers=tree.admin)).json()["Items"]
    assert [a["CategoryID"] for a in shown] == ["b-new"]
    products = (await client.get(f"{URL}/productassignments", headers=tree.admin)).json()["Items"]
    assert [a["CategoryID"] for a in products] == ["b-new"]
    put = await client.put(f"{URL}/b-new", json={"ID": "b", "Name": "b", "ParentID": "a"}, headers=tree.admin)
    assert put.status_code == 200
    assert (await client.get(f"{URL}/d", headers=tree.admin)).json()["ParentID"] == "b"
    assert (await client.patch(f"{URL}/b", json={"ID": "c"}, headers=tree.admin)).status_code == 409


async def test_buyer_users_work_in_their_buyers_catalogs_only(client: httpx.AsyncClient, tree: Shop) -> None:
    await tree.buyer("b1")
    await tree.buyer("b2")
    await tree.assign("c1", "b1", categories=False)
    reader = await tree.user("b1", "reader", Role.CategoryReader)
    admin = await tree.user("b1", "admin", Role.CategoryAdmin)
    other = await tree.user("b2", "other", Role.CategoryAdmin)
    assert ids(await client.get(URL, headers=reader)) == ["a", "e"]
    assert (await client.post(URL, json={"Name": "x"}, headers=reader)).status_code == 403
    assert (await client.post(URL, json={"ID": "mine", "Name": "x"}, headers=admin)).status_code == 201
    for method in ("GET", "PATCH", "DELETE"):
        response = await client.request(method, f"{URL}/a", json={} if method == "PATCH" else None, headers=other)
        assert response.status_code == 404
        assert error(response)["Data"]["ObjectType"] == "Catalog"
    assert (await client.get(URL, headers=other)).status_code == 404
    supplier = await tree.callers.headers(Role.CategoryAdmin, user_type=UserType.SUPPLIER)
    assert (await client.get(URL, headers=supplier)).status_code == 404


async def test_concurrent_moves_cannot_close_a_loop(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    for round_ in range(3):
        x, y = f"x{round_}", f"y{round_}"
        await shop.category("c1", x)
        await shop.category("c1", y)
        moves = await asyncio.gather(
            client.patch(f"{URL}/{x}", json={"ParentID": y}, headers=shop.admin),
            client.patch(f"{URL}/{y}", json={"ParentID": x}, headers=shop.admin),
        )
        assert sorted(move.status_code for move in moves) == [200, 400]
        refused = next(move for move in moves if move.status_code == 400)
        assert error(refused)["ErrorCode"] == "Category.CircularReference"


async def test_patch_edge_cases(client: httpx.AsyncClient, tree: Shop) -> None:
    moved = await client.patch(f"{URL}/b", json={"ParentID": ""}, headers=tree.admin)
    assert moved.status_code == 200
    assert moved.json()["ParentID"] is None
    for body, field in (
        ({"ListOrder": -5}, "ListOrder"),
        ({"Name": None}, "Name"),
        ({"ParentID": 3}, "ParentID"),
        ({"ID": "assignments"}, "ID"),
        ({"ID": 5}, "ID"),
    ):
        response = await client.patch(f"{URL}/b", json=body, headers=tree.admin)
        assert response.status_code == 400, (body, response.text)
        assert error(response)["Data"]["Field"] == field, body
    not_object = await client.patch(f"{URL}/b", json=[1], headers=tree.admin)
    assert not_object.status_code == 400
    missing = await client.patch(f"{URL}/nope", json={"ParentID": "a"}, headers=tree.admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Category", "ObjectID": "nope"}
    assert (await client.patch(f"{URL}/b", json={"ParentID": "nope"}, headers=tree.admin)).status_code == 404
