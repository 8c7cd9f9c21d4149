"""/me/catalogs: the active catalogs assigned to the caller's buyer."""

from __future__ import annotations

import httpx

from mercato.auth.roles import Role
from tests.resources.catalogs.shop import Shop, error, ids

URL = "/v1/me/catalogs"


async def test_assigned_active_catalogs(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.buyer("b2")
    for catalog, active in (("c-on", True), ("c-off", False), ("c-other", True), ("c-none", True)):
        await shop.catalog(catalog, active=active, Description=f"{catalog} shelf")
    await shop.assign("c-on", "b1", categories=False)
    await shop.assign("c-off", "b1", categories=True)
    await shop.assign("c-other", "b2", categories=True)
    u1 = await shop.user("b1", "u1")
    v1 = await shop.user("b2", "v1")

    assert ids(await client.get(URL, headers=u1)) == ["b1", "c-on"]
    assert ids(await client.get(URL, headers=v1)) == ["b2", "c-other"]
    assert ids(await client.get(URL, params={"search": "c-on"}, headers=u1)) == ["c-on"]
    assert ids(await client.get(URL, params={"sortBy": "!ID"}, headers=u1)) == ["c-on", "b1"]
    assert ids(await client.get(URL, params={"sellerID": shop.callers.marketplace_id}, headers=u1)) == ["b1", "c-on"]
    assert ids(await client.get(URL, params={"sellerID": "some-supplier"}, headers=u1)) == []
    assert (await client.get(URL, params={"CategoryCount": "1"}, headers=u1)).status_code == 400

    got = await client.get(f"{URL}/c-on", headers=u1)
    assert got.status_code == 200
    assert got.json() == {
        "ID": "c-on",
        "OwnerID": shop.callers.marketplace_id,
        "Name": "c-on",
        "Description": "c-on shelf",
        "Active": True,
        "CategoryCount": 0,
        "xp": None,
    }
    for hidden in ("c-off", "c-other", "c-none", "nope"):
        response = await client.get(f"{URL}/{hidden}", headers=u1)
        assert response.status_code == 404, hidden
        assert error(response)["Data"] == {"ObjectType": "Catalog", "ObjectID": hidden}


async def test_category_count_counts_what_the_user_sees(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.buyer("b1")
    await shop.catalog("c1")
    await shop.assign("c1", "b1", categories=False)
    await shop.category("c1", "a")
    await shop.category("c1", "a1", "a")
    await shop.category("c1", "b")
    await shop.category("c1", "off", active=False)
    u1 = await shop.user("b1", "u1")
    assert (await client.get(f"{URL}/c1", headers=u1)).json()["CategoryCount"] == 0
    await shop.show("c1", "a", "b1", Visible=True)
    assert (await client.get(f"{URL}/c1", headers=u1)).json()["CategoryCount"] == 2
    items = (await client.get(URL, headers=u1)).json()["Items"]
    assert {item["ID"]: item["CategoryCount"] for item in items} == {"b1": 0, "c1": 2}
    assert (await client.get("/v1/catalogs/c1", headers=shop.admin)).json()["CategoryCount"] == 4


async def test_admin_users_have_no_catalogs_here(client: httpx.AsyncClient, shop: Shop) -> None:
    await shop.catalog("c1")
    admin = await shop.callers.headers(Role.Shopper)
    assert ids(await client.get(URL, headers=admin)) == []
    assert (await client.get(f"{URL}/c1", headers=admin)).status_code == 404
    await shop.buyer("b1")
    no_shopper = await shop.user("b1", "u1", Role.CatalogReader)
    assert (await client.get(URL, headers=no_shopper)).status_code == 403
