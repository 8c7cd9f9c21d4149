"""/buyers/{buyerID}/addresses: CRUD, IDs, validation, and who may see which buyer's addresses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.context import UserType
from tests.fixtures.identity import Callers
from tests.resources.addresses.org import ADDRESS, Org

URL = "/v1/buyers/acme/addresses"
HQ = {
    "ID": "hq",
    "AddressName": "Head office",
    "CompanyName": "Acme",
    "FirstName": "Ada",
    "LastName": "Lovelace",
    "Street1": "1 Main St",
    "Street2": "Suite 5",
    "City": "Minneapolis",
    "State": "MN",
    "Zip": "55401",
    "Country": "US",
    "Phone": "555-0100",
    "xp": {"dock": {"doors": 4}},
}


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def error(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


async def test_crud(client: httpx.AsyncClient, org: Org) -> None:
    await org.buyer("acme")
    admin = await org.callers.headers(Role.AddressAdmin)
    before = datetime.now(UTC) - timedelta(seconds=1)
    made = await client.post(URL, json=HQ | {"DateCreated": "2001-01-01T00:00:00Z"}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/buyers/acme/addresses/hq"
    address = made.json()
    assert {key: address[key] for key in HQ} == HQ
    assert before <= parse(address["DateCreated"]) <= datetime.now(UTC) + timedelta(seconds=1)

    assert (await client.get(f"{URL}/hq", headers=admin)).json() == address

    patched = await client.patch(f"{URL}/hq", json={"City": "St Paul", "xp": {"dock": {"ramp": True}}}, headers=admin)
    assert patched.status_code == 200
    assert patched.json() | {"City": "Minneapolis", "xp": HQ["xp"]} == address
    assert patched.json()["xp"] == {"dock": {"doors": 4, "ramp": True}}

    saved = await client.put(f"{URL}/hq", json={"Street1": "2 Rue", "City": "Paris", "Country": "FR"}, headers=admin)
    assert saved.status_code == 200
    assert saved.json() == {
        "ID": "hq",
        "DateCreated": address["DateCreated"],
        "CompanyName": None,
        "FirstName": None,
        "LastName": None,
        "Street1": "2 Rue",
        "Street2": None,
        "City": "Paris",
        "State": None,
        "Zip": None,
        "Country": "FR",
        "Phone": None,
        "AddressName": None,
        "xp": None,
    }

    put_new = await client.put(f"{URL}/depot", json=ADDRESS, headers=admin)
    assert put_new.status_code == 200
    assert put_new.json()["ID"] == "depot"
    assert parse(put_new.json()["DateCreated"]) >= before

    listed = await client.get(URL, headers=admin)
    assert [a["ID"] for a in listed.json()["Items"]] == ["depot", "hq"]  # unnamed first, then by ID
    searched = await client.get(URL, params={"search": "rue", "searchOn": "Street1"}, headers=admin)
    assert [a["ID"] for a in searched.json()["Items"]] == ["hq"]
    filtered = await client.get(URL, params={"Country": "no", "sortBy": "!City"}, headers=admin)
    assert [a["ID"] for a in filtered.json()["Items"]] == ["depot"]

    assert (await client.delete(f"{URL}/hq", headers=admin)).status_code == 204
    missing = await client.get(f"{URL}/hq", headers=admin)
    assert missing.status_code == 404
    assert error(missing)["Data"] == {"ObjectType": "Address", "ObjectID": "hq"}
    assert (await client.delete(f"{URL}/hq", headers=admin)).status_code == 404
    assert (await client.patch(f"{URL}/hq", json={"City": "x"}, headers=admin)).status_code == 404


async def test_ids(client: httpx.AsyncClient, org: Org) -> None:
    await org.buyer("acme")
    generated = await client.post(URL, json=ADDRESS, headers=org.admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22
    assert (await client.post(URL, json=ADDRESS | {"ID": "a1"}, headers=org.admin)).status_code == 201
    again = await client.post(URL, json=ADDRESS | {"ID": "a1"}, headers=org.admin)
    assert again.status_code == 409
    assert error(again)["ErrorCode"] == "IdExists"
    renamed = await client.patch(f"{URL}/a1", json={"ID": "a2"}, headers=org.admin)
    assert renamed.json()["ID"] == "a2"
    assert (await client.get(f"{URL}/a1", headers=org.admin)).status_code == 404
    moved = await client.put(f"{URL}/a2", json=ADDRESS | {"ID": "a3"}, headers=org.admin)
    assert moved.json()["ID"] == "a3"
    assert (await client.get(f"{URL}/a3", headers=org.admin)).status_code == 200


async def test_the_id_assignments_is_reserved(client: httpx.AsyncClient, org: Org) -> None:
    """GET .../addresses/assignments lists assignments, so no address may take that ID."""
    await org.address(await org.buyer("acme"), "a1")
    for response in (
        await client.post(URL, json=ADDRESS | {"ID": "Assignments"}, headers=org.admin),
        await client.put(f"{URL}/a1", json=ADDRESS | {"ID": "assignments"}, headers=org.admin),
        await client.patch(f"{URL}/a1", json={"ID": "ASSIGNMENTS"}, headers=org.admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["Data"] == {"Field": "ID"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "Country": "NO"}, "City"),
        ({"Street1": "1 A St", "City": "Oslo"}, "Country"),
        ({"Street1": "", "City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NOR"}, "Country"),
        (ADDRESS | {"AddressName": "x" * 101}, "AddressName"),
        ({"Street1": "1 A St", "City": "Austin", "Country": "US", "Zip": "78701"}, "State"),
        ({"Street1": "1 A St", "City": "Toronto", "Country": "ca", "State": "ON"}, "Zip"),
        (ADDRESS | {"xp": {"big": "x" * 8001}}, "xp"),
        (ADDRESS | {"ID": "no spaces"}, "ID"),
    ],
)
async def test_validation(client: httpx.AsyncClient, org: Org, body: dict[str, Any], field: str) -> None:
    await org.buyer("acme")
    for response in (
        await client.post(URL, json=body, headers=org.admin),
        await client.put(f"{URL}/x", json=body, headers=org.admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == "ValidationFailure"
        assert error(response)["Data"] == {"Field": field}


async def test_patch_is_validated_after_the_merge(client: httpx.AsyncClient, org: Org) -> None:
    await org.address(await org.buyer("acme"), "a1")
    moved = await client.patch(f"{URL}/a1", json={"Country": "US", "State": "TX"}, headers=org.admin)
    assert moved.status_code == 400
    assert error(moved)["Data"] == {"Field": "Zip"}
    assert (await client.patch(f"{URL}/a1", json={"City": None}, headers=org.admin)).status_code == 400
    assert (await client.get(f"{URL}/a1", headers=org.admin)).json()["Country"] == "NO"


async def test_buyers_admin_addresses_and_private_addresses_are_separate(client: httpx.AsyncClient, org: Org) -> None:
    """The same ID in two buyers, among the admin addresses and among a user's private ones: four addresses."""
    for buyer in ("acme", "globex"):
        await org.address(await org.buyer(buyer), "a1", City=buyer)
    admin_made = await client.post("/v1/addresses", json=ADDRESS | {"ID": "a1", "City": "admin"}, headers=org.admin)
    assert admin_made.status_code == 201
    shopper = await org.user("acme", "u1")
    private = await client.post("/v1/me/addresses", json=ADDRESS | {"City": "private"}, headers=shopper)
    assert private.status_code == 201
    private_id = private.json()["ID"]

    assert (await client.get(f"{URL}/a1", headers=org.admin)).json()["City"] == "acme"
    assert (await client.get("/v1/buyers/globex/addresses/a1", headers=org.admin)).json()["City"] == "globex"
    assert (await client.get("/v1/addresses/a1", headers=org.admin)).json()["City"] == "admin"
    listed = await client.get(URL, headers=org.admin)
    assert [a["ID"] for a in listed.json()["Items"]] == ["a1"]  # never the private one
    assert (await client.get(f"{URL}/{private_id}", headers=org.admin)).status_code == 404
    assert (await client.delete(f"{URL}/{private_id}", headers=org.admin)).status_code == 404
    assigned = await org.assign("acme", AddressID=private_id)
    assert assigned.status_code == 404
    assert error(assigned)["Data"] == {"ObjectType": "Address", "ObjectID": private_id}
    assert (await client.delete(f"{URL}/a1", headers=org.admin)).status_code == 204
    assert (await client.get("/v1/buyers/globex/addresses/a1", headers=org.admin)).status_code == 200
    assert (await client.get(f"/v1/me/addresses/{private_id}", headers=shopper)).status_code == 200


async def test_roles(client: httpx.AsyncClient, org: Org) -> None:
    await org.address(await org.buyer("acme"), "a1")
    reader = await org.callers.headers(Role.AddressReader)
    assert (await client.get(URL, headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/a1", headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/assignments", headers=reader)).status_code == 200
    for response in (
        await client.post(URL, json=ADDRESS, headers=reader),
        await client.put(f"{URL}/a1", json=ADDRESS, headers=reader),
        await client.patch(f"{URL}/a1", json={}, headers=reader),
        await client.delete(f"{URL}/a1", headers=reader),
        await client.post(f"{URL}/assignments", json={"AddressID": "a1", "IsBilling": True}, headers=reader),
        await client.delete(f"{URL}/a1/assignments", headers=reader),
        await client.get(URL, headers=await org.callers.headers(Role.AdminAddressAdmin)),
    ):
        assert response.status_code == 403
        assert error(response)["ErrorCode"] == "Auth.InsufficientRoles"


async def test_buyer_users_administer_their_own_buyers_addresses_only(
    client: httpx.AsyncClient, org: Org, callers: Callers
) -> None:
    await org.address(await org.buyer("acme"), "a1")
    await org.address(await org.buyer("globex"), "g1")
    mine = await org.user("acme", "u1", Role.AddressAdmin)
    assert [a["ID"] for a in (await client.get(URL, headers=mine)).json()["Items"]] == ["a1"]
    assert (await client.post(URL, json=ADDRESS | {"ID": "a2"}, headers=mine)).status_code == 201
    assert (await client.patch(f"{URL}/a2", json={"City": "Bergen"}, headers=mine)).status_code == 200
    assert (await org.assign("acme", AddressID="a2", UserID="u1")).status_code == 204

    supplier_uid = await callers.user(UserType.SUPPLIER, "sup")
    supplier = {
        "Authorization": "Bearer "
        + await callers.token(Role.FullAccess, uid=supplier_uid, user_type=UserType.SUPPLIER, company_id="sup")
    }
    other = "/v1/buyers/globex/addresses"
    for headers in (mine, supplier):
        for response in (
            await client.get(other, headers=headers),
            await client.get(f"{other}/g1", headers=headers),
            await client.post(other, json=ADDRESS, headers=headers),
            await client.put(f"{other}/g1", json=ADDRESS, headers=headers),
            await client.patch(f"{other}/g1", json={"City": "x"}, headers=headers),
            await client.delete(f"{other}/g1", headers=headers),
            await client.get(f"{other}/assignments", headers=headers),
            await client.post(f"{other}/assignments", json={"AddressID": "g1", "IsShipping": True}, headers=headers),
            await client.delete(f"{other}/g1/assignments", headers=headers),
        ):
            assert response.status_code == 404, response.text
            assert error(response)["Data"] == {"ObjectType": "Buyer", "ObjectID": "globex"}
    assert (await client.get("/v1/buyers/globex/addresses/g1", headers=org.admin)).json()["City"] == "Oslo"
    nowhere = await client.get("/v1/buyers/nowhere/addresses", headers=org.admin)
    assert nowhere.status_code == 404
    assert error(nowhere)["Data"] == {"ObjectType": "Buyer", "ObjectID": "nowhere"}


async def test_route_case_is_ignored(client: httpx.AsyncClient, org: Org) -> None:
    await org.address(await org.buyer("acme"), "A1")
    got = await client.get("/v1/Buyers/acme/Addresses/A1", headers=org.admin)
    assert got.status_code == 200
    assert got.json()["ID"] == "A1"
    assert (await client.get("/v1/buyers/acme/addresses/a1", headers=org.admin)).status_code == 404
    assert (await client.get("/v1/buyers/acme/Addresses/Assignments", headers=org.admin)).status_code == 200
