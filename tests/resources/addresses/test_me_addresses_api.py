"""/me/addresses: what a buyer user sees (assigned at buyer, group or user level, and its private addresses),
and what it may change (only its private addresses)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.resources.addresses.org import ADDRESS, Org

ME = "/v1/me/addresses"


def error(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


async def mine(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    response = await client.get(ME, params=params, headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["Items"]
    return items


def flags(items: list[dict[str, Any]]) -> dict[str, tuple[bool, bool, bool]]:
    return {i["ID"]: (i["Shipping"], i["Billing"], i["Editable"]) for i in items}


@pytest.fixture
async def acme(org: Org) -> Org:
    await org.buyer("acme")
    for address in ("company", "group", "user", "other-group", "other-user", "unassigned"):
        await org.address("acme", address, AddressName=address)
    return org


async def test_assignments_at_every_level_reach_the_user_and_leave_with_their_removal(
    client: httpx.AsyncClient, acme: Org
) -> None:
    u1 = await acme.user("acme", "u1")
    await acme.callers.user(UserType.BUYER, "acme", user_id="u2")
    await acme.group("acme", "g1", "u1")
    await acme.group("acme", "g2", "u2")
    await acme.assign("acme", AddressID="company", IsShipping=True, IsBilling=False)
    await acme.assign("acme", AddressID="group", UserGroupID="g1", IsShipping=False, IsBilling=True)
    await acme.assign("acme", AddressID="user", UserID="u1")
    await acme.assign("acme", AddressID="other-group", UserGroupID="g2")
    await acme.assign("acme", AddressID="other-user", UserID="u2")

    assert flags(await mine(client, u1)) == {
        "company": (True, False, False),
        "group": (False, True, False),
        "user": (True, True, False),
    }
    got = await client.get(f"{ME}/group", headers=u1)
    assert got.status_code == 200
    assert got.json() | {"DateCreated": None} == ADDRESS | {
        "ID": "group",
        "AddressName": "group",
        "DateCreated": None,
        "CompanyName": None,
        "FirstName": None,
        "LastName": None,
        "Street2": None,
        "State": None,
        "Zip": None,
        "Phone": None,
        "xp": None,
        "Shipping": False,
        "Billing": True,
        "Editable": False,
    }
    for hidden in ("other-group", "other-user", "unassigned", "nope"):
        response = await client.get(f"{ME}/{hidden}", headers=u1)
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "Address", "ObjectID": hidden}

    admin = acme.admin
    await client.delete("/v1/buyers/acme/addresses/company/assignments", headers=admin)
    assert set(flags(await mine(client, u1))) == {"group", "user"}
    await client.delete("/v1/buyers/acme/usergroups/g1/assignments/u1", headers=admin)  # u1 leaves g1
    assert set(flags(await mine(client, u1))) == {"user"}
    await client.delete("/v1/buyers/acme/addresses/user/assignments", params={"userID": "u1"}, headers=admin)
    assert await mine(client, u1) == []
    assert (await client.get(f"{ME}/user", headers=u1)).status_code == 404


async def test_overlapping_assignments_show_an_address_once_with_their_flags_combined(
    client: httpx.AsyncClient, acme: Org
) -> None:
    u1 = await acme.user("acme", "u1")
    await acme.group("acme", "g1", "u1")
    await acme.group("acme", "g2", "u1")
    await acme.assign("acme", AddressID="company", IsShipping=True, IsBilling=False)
    await acme.assign("acme", AddressID="company", UserGroupID="g1", IsShipping=True, IsBilling=False)
    await acme.assign("acme", AddressID="company", UserGroupID="g2", IsShipping=False, IsBilling=True)
    await acme.assign("acme", AddressID="company", UserID="u1", IsShipping=True, IsBilling=False)
    response = await client.get(ME, headers=u1)
    assert [i["ID"] for i in response.json()["Items"]] == ["company"]
    assert response.json()["Meta"]["TotalCount"] == 1
    assert flags(response.json()["Items"]) == {"company": (True, True, False)}
    assert [i["ID"] for i in await mine(client, u1, Billing="true")] == ["company"]
    assert await mine(client, u1, Billing="false") == []


async def test_private_addresses(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1")
    before = datetime.now(UTC) - timedelta(seconds=1)
    body = ADDRESS | {"ID": "mine", "AddressName": "Home", "Shipping": False, "Billing": False, "Editable": False}
    made = await client.post(ME, json=body | {"DateCreated": "2001-01-01T00:00:00Z"}, headers=u1)
    assert made.status_code == 201, made.text
    created = made.json()
    address_id = created["ID"]
    assert address_id != "mine"  # BuyerAddress.ID is read-only: generated
    assert len(address_id) == 22
    assert made.headers["location"] == f"/v1/me/addresses/{address_id}"
    assert (created["Shipping"], created["Billing"], created["Editable"]) == (True, True, True)
    assert datetime.fromisoformat(created["DateCreated"].replace("Z", "+00:00")) >= before
    assert (await client.get(f"{ME}/{address_id}", headers=u1)).json() == created

    saved = await client.put(f"{ME}/{address_id}", json=ADDRESS | {"ID": "other", "City": "Bergen"}, headers=u1)
    assert saved.status_code == 200
    assert saved.json() | {"City": "Oslo", "AddressName": "Home"} == created
    patched = await client.patch(f"{ME}/{address_id}", json={"Phone": "555", "ID": "x", "Shipping": False}, headers=u1)
    assert patched.status_code == 204
    assert patched.content == b""
    got = (await client.get(f"{ME}/{address_id}", headers=u1)).json()
    assert (got["ID"], got["Phone"], got["City"], got["Shipping"]) == (address_id, "555", "Bergen", True)
    assert [i["ID"] for i in await mine(client, u1)] == [address_id]

    invalid = await client.patch(f"{ME}/{address_id}", json={"Country": "US"}, headers=u1)
    assert invalid.status_code == 400
    assert error(invalid)["Data"] == {"Field": "State"}
    wrong = await client.patch(f"{ME}/{address_id}", json={"Billing": "yes"}, headers=u1)
    assert wrong.status_code == 400
    assert error(wrong)["Data"] == {"Field": "Billing"}

    assert (await client.delete(f"{ME}/{address_id}", headers=u1)).status_code == 204
    assert (await client.get(f"{ME}/{address_id}", headers=u1)).status_code == 404
    assert await mine(client, u1) == []
    assert (await client.put(f"{ME}/{address_id}", json=ADDRESS, headers=u1)).status_code == 404  # PUT never creates


async def test_private_addresses_belong_to_their_owner_alone(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1")
    u2 = await acme.user("acme", "u2", Role.FullAccess)
    address_id = (await client.post(ME, json=ADDRESS, headers=u1)).json()["ID"]
    assert await mine(client, u2) == []
    for response in (
        await client.get(f"{ME}/{address_id}", headers=u2),
        await client.put(f"{ME}/{address_id}", json=ADDRESS, headers=u2),
        await client.patch(f"{ME}/{address_id}", json={"City": "x"}, headers=u2),
        await client.delete(f"{ME}/{address_id}", headers=u2),
        await client.get(f"/v1/buyers/acme/addresses/{address_id}", headers=acme.admin),
        await client.get(f"/v1/buyers/acme/addresses/{address_id}", headers=u2),
    ):
        assert response.status_code == 404
        assert error(response)["Data"] == {"ObjectType": "Address", "ObjectID": address_id}
    admin_list = await client.get("/v1/buyers/acme/addresses", headers=acme.admin)
    assert address_id not in [a["ID"] for a in admin_list.json()["Items"]]
    assert (await client.get(f"{ME}/{address_id}", headers=u1)).json()["City"] == "Oslo"


async def test_assigned_addresses_cannot_be_changed_through_me(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1", Role.MeAddressAdmin, Role.Shopper, Role.FullAccess)
    await acme.assign("acme", AddressID="company")
    for response in (
        await client.put(f"{ME}/company", json=ADDRESS | {"City": "x"}, headers=u1),
        await client.patch(f"{ME}/company", json={"City": "x"}, headers=u1),
        await client.delete(f"{ME}/company", headers=u1),
    ):
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Address.CannotEditPublic"
    assert (await client.get("/v1/buyers/acme/addresses/company", headers=acme.admin)).json()["City"] == "Oslo"
    for response in (  # not assigned to u1: not there at all
        await client.put(f"{ME}/unassigned", json=ADDRESS, headers=u1),
        await client.patch(f"{ME}/unassigned", json={"City": "x"}, headers=u1),
        await client.delete(f"{ME}/unassigned", headers=u1),
    ):
        assert response.status_code == 404


async def test_a_second_buyers_user_sees_nothing_of_the_first(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1")
    await acme.assign("acme", AddressID="company")
    private_id = (await client.post(ME, json=ADDRESS, headers=u1)).json()["ID"]
    await acme.buyer("globex")
    x1 = await acme.user("globex", "x1")
    await acme.group("globex", "g1", "x1")  # same group ID in another buyer
    await acme.group("acme", "g1", "u1")
    await acme.assign("acme", AddressID="group", UserGroupID="g1")
    assert await mine(client, x1) == []
    for address_id in ("company", "group", private_id):
        assert (await client.get(f"{ME}/{address_id}", headers=x1)).status_code == 404
    assert set(flags(await mine(client, u1))) == {"company", "group", private_id}


async def test_admin_and_supplier_users_have_no_address_book(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="company")
    admin = await acme.callers.headers(Role.Shopper, Role.MeAddressAdmin)
    supplier_uid = await acme.callers.user(UserType.SUPPLIER, "sup")
    supplier_token = await acme.callers.token(
        Role.Shopper, Role.MeAddressAdmin, uid=supplier_uid, user_type=UserType.SUPPLIER, company_id="sup"
    )
    for headers in (admin, {"Authorization": f"Bearer {supplier_token}"}):
        response = await client.get(ME, headers=headers)
        assert response.status_code == 200
        assert response.json()["Items"] == []
        assert response.json()["Meta"]["TotalCount"] == 0
        assert (await client.get(f"{ME}/company", headers=headers)).status_code == 404
        made = await client.post(ME, json=ADDRESS, headers=headers)
        assert made.status_code == 404
        assert error(made)["Data"] == {"ObjectType": "Buyer", "ObjectID": None}


async def test_roles(client: httpx.AsyncClient, acme: Org) -> None:
    await acme.assign("acme", AddressID="company")
    shopper = await acme.user("acme", "u1", Role.Shopper)
    assert [i["ID"] for i in await mine(client, shopper)] == ["company"]
    assert (await client.get(f"{ME}/company", headers=shopper)).status_code == 200
    refused = await client.post(ME, json=ADDRESS, headers=shopper)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    writer = await acme.user("acme", "u2", Role.MeAddressAdmin)
    private_id = (await client.post(ME, json=ADDRESS, headers=writer)).json()["ID"]
    assert [i["ID"] for i in await mine(client, writer)] == [private_id, "company"]  # unnamed first
    uid_headers = await acme.user("acme", "u3", Role.AddressAdmin)
    assert (await client.get(ME, headers=uid_headers)).status_code == 403


async def test_the_list_engine_runs_over_the_combined_list(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1")
    await acme.group("acme", "g1", "u1")
    await client.patch(
        "/v1/buyers/acme/addresses/group", json={"City": "Bergen", "xp": {"dock": 2}}, headers=acme.admin
    )
    await acme.assign("acme", AddressID="company", IsBilling=False)
    await acme.assign("acme", AddressID="group", UserGroupID="g1", IsShipping=False)
    await acme.assign("acme", AddressID="user", UserID="u1")
    home = await client.post(
        ME, json=ADDRESS | {"AddressName": "home", "City": "Bergen", "xp": {"dock": 5}}, headers=u1
    )
    home_id = home.json()["ID"]

    def ids(items: list[dict[str, Any]]) -> list[str]:
        return [i["ID"] for i in items]

    assert ids(await mine(client, u1)) == ["company", "group", home_id, "user"]  # by AddressName
    assert ids(await mine(client, u1, sortBy="!AddressName")) == ["user", home_id, "group", "company"]
    by_id = sorted(["group", home_id], key=lambda i: (i.lower(), i))  # the engine sorts text case-insensitively
    assert ids(await mine(client, u1, City="bergen", sortBy="ID")) == by_id
    assert ids(await mine(client, u1, Editable="true")) == [home_id]
    assert ids(await mine(client, u1, Editable="false", Shipping="true")) == ["company", "user"]
    assert ids(await mine(client, u1, **{"xp.dock": ">3"})) == [home_id]
    assert ids(await mine(client, u1, search="hom")) == [home_id]
    assert ids(await mine(client, u1, search="user", searchOn="AddressName")) == ["user"]

    page = await client.get(ME, params={"pageSize": 3, "page": 2}, headers=u1)
    assert ids(page.json()["Items"]) == ["user"]
    assert page.json()["Meta"]["TotalCount"] == 4
    assert page.json()["Meta"]["TotalPages"] == 2
    assert page.json()["Meta"]["ItemRange"] == [4, 4]

    for params, code in (
        ({"Nope": "x"}, "List.InvalidProperty"),
        ({"sortBy": "Shipping"}, "List.InvalidSortProperty"),
        ({"Shipping": "maybe"}, "List.InvalidType"),
        ({"search": "x", "searchOn": "Country"}, "List.InvalidSearchProperty"),
    ):
        response = await client.get(ME, params=params, headers=u1)
        assert response.status_code == 400, params
        assert error(response)["ErrorCode"] == code


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "City": "Austin", "Country": "US", "State": "TX"}, "Zip"),
        (ADDRESS | {"Shipping": "yes"}, "Shipping"),
        (ADDRESS | {"xp": {"big": "x" * 8001}}, "xp"),
        (ADDRESS | {"City": "\x00"}, "City"),
    ],
)
async def test_create_validation(client: httpx.AsyncClient, acme: Org, body: dict[str, Any], field: str) -> None:
    u1 = await acme.user("acme", "u1")
    response = await client.post(ME, json=body, headers=u1)
    assert response.status_code == 400, response.text
    assert error(response)["Data"] == {"Field": field}
    assert await mine(client, u1) == []


async def test_a_deleted_user_takes_its_private_addresses_along(client: httpx.AsyncClient, acme: Org) -> None:
    u1 = await acme.user("acme", "u1")
    await client.post(ME, json=ADDRESS, headers=u1)
    assert (await client.delete("/v1/buyers/acme/users/u1", headers=acme.admin)).status_code == 204
    u1_again = await acme.user("acme", "u1")  # the same user ID, a new user
    assert await mine(client, u1_again) == []
