"""/catalogs: CRUD, PUT/PATCH, computed fields, the default-catalog rule, and who may see and edit what."""

from __future__ import annotations

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.catalogs.shop import Shop, error, ids

URL = "/v1/catalogs"


async def test_crud(client: httpx.AsyncClient, shop: Shop) -> None:
    admin = await shop.callers.headers(Role.CatalogAdmin)
    mid = shop.callers.marketplace_id
    body = {"ID": "spring", "Name": "Spring", "Description": "New season", "Active": True, "xp": {"a": {"b": 1}}}
    made = await client.post(URL, json=body, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/catalogs/spring"
    expected = body | {"OwnerID": mid, "CategoryCount": 0}
    assert made.json() == expected
    assert list(made.json()) == ["ID", "OwnerID", "Name", "Description", "Active", "CategoryCount", "xp"]
    assert (await client.get(f"{URL}/spring", headers=admin)).json() == expected

    patched = await client.patch(f"{URL}/spring", json={"Name": "Spring 26", "xp": {"a": {"c": 2}}}, headers=admin)
    assert patched.status_code == 200
    assert patched.json() == expected | {"Name": "Spring 26", "xp": {"a": {"b": 1, "c": 2}}}

    saved = await client.put(f"{URL}/spring", json={"Name": "Spring"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": "spring",
        "OwnerID": mid,
        "Name": "Spring",
        "Description": None,
        "Active": False,
        "CategoryCount": 0,
        "xp": None,
    }
    created = await client.put(f"{URL}/autumn", json={"Name": "Autumn", "Active": True}, headers=admin)
    assert created.status_code == 200
    assert created.json()["OwnerID"] == mid
    generated = await client.post(URL, json={"Name": "Winter"}, headers=admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22
    assert generated.json()["Active"] is False

    assert (await client.post(URL, json={"ID": "spring", "Name": "x"}, headers=admin)).status_code == 409
    assert (await client.delete(f"{URL}/autumn", headers=admin)).status_code == 204
    missing = await client.get(f"{URL}/autumn", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Catalog", "ObjectID": "autumn"}
    assert (await client.delete(f"{URL}/autumn", headers=admin)).status_code == 404
    assert (await client.patch(f"{URL}/autumn", json={"Name": "x"}, headers=admin)).status_code == 404


async def test_list_search_sort_filter(client: httpx.AsyncClient, shop: Shop) -> None:
    admin = shop.admin
    await shop.catalog("c-b", Name="Beta", Description="second shelf")
    await shop.catalog("c-a", Name="alpha", active=False)
    await shop.catalog("c-c", Name="Gamma")
    await shop.category("c-c", "x")
    await shop.category("c-c", "y", "x")
    assert ids(await client.get(URL, headers=admin)) == ["c-a", "c-b", "c-c"]  # OwnerID, then Name
    assert ids(await client.get(URL, params={"sortBy": "!Name"}, headers=admin)) == ["c-c", "c-b", "c-a"]
    assert ids(await client.get(URL, params={"search": "shelf"}, headers=admin)) == ["c-b"]
    assert ids(await client.get(URL, params={"Active": "false"}, headers=admin)) == ["c-a"]
    assert ids(await client.get(URL, params={"CategoryCount": ">0"}, headers=admin)) == ["c-c"]
    gamma = await client.get(f"{URL}/c-c", headers=admin)
    assert gamma.json()["CategoryCount"] == 2  # every level
    owner = shop.callers.marketplace_id
    assert ids(await client.get(URL, params={"OwnerID": owner, "pageSize": 2}, headers=admin)) == ["c-a", "c-b"]
    for bad in ({"sortBy": "Description"}, {"Nope": "1"}, {"searchOn": "Active", "search": "x"}):
        response = await client.get(URL, params=bad, headers=admin)
        assert response.status_code == 400, bad
        assert error(response)["ErrorCode"].startswith("List.")


async def test_validation(client: httpx.AsyncClient, shop: Shop) -> None:
    admin = shop.admin
    cases = [
        ({}, "Name"),
        ({"Name": ""}, "Name"),
        ({"Name": "x" * 101}, "Name"),
        ({"Name": "x", "Description": "d" * 2001}, "Description"),
        ({"Name": "x", "ID": "bad id"}, "ID"),
        ({"Name": "x", "ID": "i" * 101}, "ID"),
        ({"Name": "x", "Active": "yes"}, "Active"),
        ({"Name": "x", "xp": {"big": "x" * 8001}}, "xp"),
        ({"Name": "x", "ID": "Assignments"}, "ID"),
        ({"Name": "x", "ID": "productassignments"}, "ID"),
    ]
    for body, field in cases:
        response = await client.post(URL, json=body, headers=admin)
        assert response.status_code == 400, (body, response.text)
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"]["Field"] == field, body
    await shop.catalog("c1")
    renamed = await client.patch(f"{URL}/c1", json={"ID": "bundleassignments"}, headers=admin)
    assert renamed.status_code == 400
    assert (await client.patch(f"{URL}/c1", json={"Name": None}, headers=admin)).status_code == 400
    assert (await client.put(f"{URL}/c1", json={"Name": 7}, headers=admin)).status_code == 400
    assert (
        await client.post(URL, content=b"[1]", headers=admin | {"content-type": "application/json"})
    ).status_code == 400
    nul = await client.post(URL, json={"Name": "a\u0000b"}, headers=admin)
    assert nul.status_code == 400


async def test_owner_id_is_set_on_create_only(client: httpx.AsyncClient, shop: Shop) -> None:
    mid = shop.callers.marketplace_id
    own = await client.post(URL, json={"ID": "c1", "Name": "x", "OwnerID": mid}, headers=shop.admin)
    assert own.status_code == 201
    assert own.json()["OwnerID"] == mid
    supplier = await client.post(URL, json={"ID": "c2", "Name": "x", "OwnerID": "acme-supplier"}, headers=shop.admin)
    assert supplier.status_code == 404
    assert error(supplier)["Data"] == {"ObjectType": "Supplier", "ObjectID": "acme-supplier"}
    ignored = await client.patch(f"{URL}/c1", json={"OwnerID": "someone"}, headers=shop.admin)
    assert ignored.status_code == 200
    assert ignored.json()["OwnerID"] == mid


async def test_rename_carries_assignments_categories_and_default_catalog(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")  # default catalog "b1"
    await shop.product("p1")
    await shop.category("b1", "cat")
    await shop.ok("POST", f"{URL}/productassignments", {"CatalogID": "b1", "ProductID": "p1"})
    renamed = await client.patch(f"{URL}/b1", json={"ID": "b1-main"}, headers=shop.admin)
    assert renamed.status_code == 200
    assert renamed.json()["CategoryCount"] == 1
    assert (await client.get("/v1/buyers/b1", headers=shop.admin)).json()["DefaultCatalogID"] == "b1-main"
    listed = await client.get(f"{URL}/assignments", params={"buyerID": "b1"}, headers=shop.admin)
    assert [a["CatalogID"] for a in listed.json()["Items"]] == ["b1-main"]
    products = await client.get(f"{URL}/productassignments", headers=shop.admin)
    assert products.json()["Items"] == [{"CatalogID": "b1-main", "ProductID": "p1"}]
    assert ids(await client.get(f"{URL}/b1-main/categories", headers=shop.admin)) == ["cat"]
    taken = await client.put(f"{URL}/b1-main", json={"ID": "b1-main", "Name": "x"}, headers=shop.admin)
    assert taken.status_code == 200
    await shop.catalog("other")
    assert (await client.patch(f"{URL}/b1-main", json={"ID": "other"}, headers=shop.admin)).status_code == 409


async def test_a_default_catalog_cannot_be_deleted(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    refused = await client.delete(f"{URL}/b1", headers=shop.admin)
    assert refused.status_code == 409
    assert error(refused)["ErrorCode"] == "Catalog.CannotDelete"
    await shop.catalog("spare")
    await shop.ok("PATCH", "/v1/buyers/b1", {"DefaultCatalogID": "spare"})
    assert (await client.delete(f"{URL}/spare", headers=shop.admin)).status_code == 409
    assert (await client.delete(f"{URL}/b1", headers=shop.admin)).status_code == 204


async def test_deleting_a_catalog_takes_what_it_holds(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.product("p1")
    await shop.catalog("c1")
    await shop.assign("c1", "b1", categories=True)
    await shop.category("c1", "root")
    await shop.category("c1", "leaf", "root")
    await shop.show("c1", "leaf", "b1", Visible=True)
    await shop.ok("POST", "/v1/catalogs/c1/categories/productassignments", {"CategoryID": "leaf", "ProductID": "p1"})
    assert (await client.delete(f"{URL}/c1", headers=shop.admin)).status_code == 204
    for path in ("assignments", "productassignments"):
        assert (await client.get(f"{URL}/{path}", params={"catalogID": "c1"}, headers=shop.admin)).json()["Items"] == []
    await shop.catalog("c1")
    assert ids(await client.get(f"{URL}/c1/categories", params={"depth": "all"}, headers=shop.admin)) == []


async def test_buyer_users_with_catalog_admin_edit_only_their_buyers_catalogs(
    client: httpx.AsyncClient, shop: Shop
) -> None:
    await shop.buyer("b1")
    await shop.buyer("b2")
    await shop.catalog("shared")
    await shop.assign("shared", "b1", categories=True)
    await shop.assign("shared", "b2", categories=True)
    await shop.product("p1")
    user = await shop.user("b1", "u1", Role.CatalogAdmin)

    assert ids(await client.get(URL, headers=user)) == ["b1", "shared"]
    assert (await client.get(f"{URL}/b2", headers=user)).status_code == 404
    edited = await client.patch(f"{URL}/shared", json={"Description": "ours"}, headers=user)
    assert edited.status_code == 200
    assert edited.json()["Description"] == "ours"
    assert (await client.put(f"{URL}/b1", json={"Name": "Mine", "Active": True}, headers=user)).status_code == 200
    for method, path in (("PATCH", f"{URL}/b2"), ("PUT", f"{URL}/b2"), ("PUT", f"{URL}/new-one")):
        response = await client.request(method, path, json={"Name": "x"}, headers=user)
        assert response.status_code == 404, (method, path)
    assert (await client.get(f"{URL}/new-one", headers=shop.admin)).status_code == 404

    for method, path, body in (
        ("POST", URL, {"Name": "x"}),
        ("DELETE", f"{URL}/shared", None),
        ("POST", f"{URL}/assignments", {"CatalogID": "shared", "BuyerID": "b1"}),
        ("DELETE", f"{URL}/shared/assignments?buyerID=b1", None),
    ):
        response = await client.request(method, path, json=body, headers=user)
        assert response.status_code == 403, (method, path)
        assert error(response)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"

    listed = await client.get(f"{URL}/assignments", headers=user)
    assert {(a["CatalogID"], a["BuyerID"]) for a in listed.json()["Items"]} == {("b1", "b1"), ("shared", "b1")}
    assert (await client.get(f"{URL}/assignments", params={"buyerID": "b2"}, headers=user)).json()["Items"] == []

    product = {"CatalogID": "shared", "ProductID": "p1"}
    assert (await client.post(f"{URL}/productassignments", json=product, headers=user)).status_code == 204
    elsewhere = await client.post(f"{URL}/productassignments", json=product | {"CatalogID": "b2"}, headers=user)
    assert elsewhere.status_code == 404
    await shop.ok("POST", f"{URL}/productassignments", product | {"CatalogID": "b2"})
    mine = await client.get(f"{URL}/productassignments", headers=user)
    assert mine.json()["Items"] == [product]
    assert (await client.delete(f"{URL}/b2/productassignments/p1", headers=user)).status_code == 404
    assert (await client.delete(f"{URL}/shared/productassignments/p1", headers=user)).status_code == 204


async def test_readers_read_and_supplier_users_see_nothing(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    reader = await shop.callers.headers(Role.CatalogReader)
    assert ids(await client.get(URL, headers=reader)) == ["c1"]
    assert (await client.patch(f"{URL}/c1", json={"Name": "x"}, headers=reader)).status_code == 403
    supplier = await shop.callers.headers(Role.CatalogAdmin, user_type=UserType.SUPPLIER)
    assert ids(await client.get(URL, headers=supplier)) == []
    assert (await client.get(f"{URL}/c1", headers=supplier)).status_code == 404
    assert (await client.patch(f"{URL}/c1", json={"Name": "x"}, headers=supplier)).status_code == 404
    assert (await client.get(f"{URL}/assignments", headers=supplier)).json()["Items"] == []


@pytest.mark.parametrize("role", [Role.Shopper, Role.CategoryAdmin, Role.ProductAdmin])
async def test_other_roles_are_refused(client: httpx.AsyncClient, shop: Shop, role: Role) -> None:
    headers = await shop.callers.headers(role)
    response = await client.get(URL, headers=headers)
    assert response.status_code == 403
    assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"
