from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.engine import Database
from mercato.db.tables import addresses
from tests.fixtures.identity import Callers

URL = "/v1/addresses"
HQ = {
    "ID": "hq",
    "AddressName": "Head office",
    "CompanyName": "Mercato Inc",
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


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    before = datetime.now(UTC) - timedelta(seconds=1)
    made = await client.post(URL, json=HQ | {"DateCreated": "2001-01-01T00:00:00Z"}, headers=admin)
    assert made.status_code == 201
    assert made.headers["location"] == "/v1/addresses/hq"
    address = made.json()
    assert {key: address[key] for key in HQ} == HQ
    created = parse(address["DateCreated"])
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)  # the server's clock, not the body's

    got = await client.get(f"{URL}/hq", headers=admin)
    assert got.json() == address

    patched = await client.patch(f"{URL}/hq", json={"City": "St Paul", "xp": {"dock": {"ramp": True}}}, headers=admin)
    assert patched.status_code == 200
    assert patched.json()["City"] == "St Paul"
    assert patched.json()["Street1"] == "1 Main St"
    assert patched.json()["xp"] == {"dock": {"doors": 4, "ramp": True}}
    assert patched.json()["DateCreated"] == address["DateCreated"]

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

    put_new = await client.put(
        f"{URL}/depot", json={"Street1": "9 Dock Rd", "City": "Oslo", "Country": "NO"}, headers=admin
    )
    assert put_new.status_code == 200
    assert put_new.json()["ID"] == "depot"
    assert parse(put_new.json()["DateCreated"]) >= before

    gone = await client.delete(f"{URL}/hq", headers=admin)
    assert gone.status_code == 204
    missing = await client.get(f"{URL}/hq", headers=admin)
    assert missing.status_code == 404
    assert missing.json()["Errors"][0]["Data"] == {"ObjectType": "Address", "ObjectID": "hq"}
    assert (await client.delete(f"{URL}/hq", headers=admin)).status_code == 404
    assert [a["ID"] for a in (await client.get(URL, headers=admin)).json()["Items"]] == ["depot"]


async def test_ids(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    body = {"Street1": "1 A St", "City": "Oslo", "Country": "NO"}
    generated = await client.post(URL, json=body, headers=admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22
    assert (await client.post(URL, json=body | {"ID": "a1"}, headers=admin)).status_code == 201
    again = await client.post(URL, json=body | {"ID": "a1"}, headers=admin)
    assert again.status_code == 409
    assert again.json()["Errors"][0]["ErrorCode"] == "IdExists"
    renamed = await client.patch(f"{URL}/a1", json={"ID": "a2"}, headers=admin)
    assert renamed.json()["ID"] == "a2"
    assert (await client.get(f"{URL}/a1", headers=admin)).status_code == 404
    assert (await client.get(f"{URL}/a2", headers=admin)).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "Country": "NO"}, "City"),
        ({"Street1": "1 A St", "City": "Oslo"}, "Country"),
        ({"Street1": "", "City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NOR"}, "Country"),
        ({"Street1": "x" * 101, "City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NO", "Phone": "1" * 101}, "Phone"),
        ({"Street1": "1 A St", "City": "Austin", "Country": "US", "Zip": "78701"}, "State"),
        ({"Street1": "1 A St", "City": "Austin", "Country": "US", "State": "TX"}, "Zip"),
        ({"Street1": "1 A St", "City": "Austin", "Country": "us", "State": " ", "Zip": "78701"}, "State"),
        ({"Street1": "1 A St", "City": "Toronto", "Country": "CA", "State": "ON", "Zip": None}, "Zip"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NO", "xp": []}, "xp"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NO", "xp": {"big": "x" * 8000}}, "xp"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NO", "ID": "a/b"}, "ID"),
        ({"Street1": "1 A St\u0000", "City": "Oslo", "Country": "NO"}, "Street1"),
        ({"Street1": "1 A St", "City": "Oslo", "Country": "NO", "xp": {"k": ["ok", "n\u0000"]}}, "xp.k[1]"),
    ],
)
async def test_bad_bodies_are_400(
    client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], field: str
) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    for response in (
        await client.post(URL, json=body, headers=admin),
        await client.put(f"{URL}/a1", json=body, headers=admin),
    ):
        assert response.status_code == 400, response.text
        error = response.json()["Errors"][0]
        assert error["ErrorCode"] == "ValidationFailure"
        assert error["Data"] == {"Field": field}
    assert (await client.get(URL, headers=admin)).json()["Items"] == []


async def test_patch_is_validated_as_a_whole(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    await client.post(URL, json={"ID": "a1", "Street1": "1 A St", "City": "Oslo", "Country": "NO"}, headers=admin)
    to_us = await client.patch(f"{URL}/a1", json={"Country": "US", "State": "TX"}, headers=admin)
    assert to_us.status_code == 400
    assert to_us.json()["Errors"][0]["Data"] == {"Field": "Zip"}
    for changes in ({"City": None}, {"Country": "Norway"}, {"xp": "x"}, [1]):
        assert (await client.patch(f"{URL}/a1", json=changes, headers=admin)).status_code == 400, changes
    assert (await client.get(f"{URL}/a1", headers=admin)).json()["Country"] == "NO"
    moved = await client.patch(f"{URL}/a1", json={"Country": "US", "State": "TX", "Zip": "78701"}, headers=admin)
    assert moved.status_code == 200
    cleared = await client.patch(f"{URL}/a1", json={"Zip": ""}, headers=admin)
    assert cleared.status_code == 400
    assert (await client.get(f"{URL}/a1", headers=admin)).json()["Zip"] == "78701"


async def test_nul_in_a_path_is_400(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    response = await client.get(f"{URL}/a%00b", headers=admin)
    assert response.status_code == 400
    assert response.json()["Errors"][0]["Data"] == {"Field": "addressID"}


async def test_list(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    rows = [
        {"ID": "a1", "AddressName": "Warehouse", "Street1": "1 Dock Rd", "City": "Oslo", "Country": "NO"},
        {
            "ID": "a2",
            "AddressName": "Office",
            "Street1": "2 Main St",
            "City": "Austin",
            "State": "TX",
            "Zip": "78701",
            "Country": "US",
            "xp": {"tier": 2},
        },
        {
            "ID": "a3",
            "Street1": "3 Main St",
            "City": "Boston",
            "State": "MA",
            "Zip": "02108",
            "Country": "US",
            "xp": {"tier": 10},
        },
        {
            "ID": "a4",
            "AddressName": "Annex",
            "CompanyName": "Oslo Holdings",
            "Street1": "4 Side St",
            "City": "Bergen",
            "Country": "NO",
        },
    ]
    for row in rows:
        assert (await client.post(URL, json=row, headers=admin)).status_code == 201

    async def ids(**params: Any) -> list[str]:
        response = await client.get(URL, params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [item["ID"] for item in response.json()["Items"]]

    assert await ids() == ["a3", "a4", "a2", "a1"]  # AddressName (unnamed first), then ID
    assert await ids(sortBy="City") == ["a2", "a4", "a3", "a1"]
    assert await ids(sortBy="!DateCreated") == ["a4", "a3", "a2", "a1"]  # one request each, so one clock each
    assert await ids(search="oslo") == ["a4", "a1"]  # City and CompanyName are searched
    assert await ids(search="main", searchOn="Street1", sortBy="ID") == ["a2", "a3"]
    assert await ids(Country="us", sortBy="ID") == ["a2", "a3"]
    assert await ids(**{"xp.tier": ">5"}) == ["a3"]
    assert await ids(AddressName="!*", sortBy="ID") == ["a3"]
    assert await ids(State="T*") == ["a2"]
    assert await ids(DateCreated=f">{(datetime.now(UTC) - timedelta(hours=1)).isoformat()}", sortBy="ID") == [
        "a1",
        "a2",
        "a3",
        "a4",
    ]
    paged = await client.get(URL, params={"pageSize": 3, "page": 2, "sortBy": "ID"}, headers=admin)
    assert [i["ID"] for i in paged.json()["Items"]] == ["a4"]
    assert paged.json()["Meta"]["TotalCount"] == 4
    for params, code in (
        ({"searchOn": "Country", "search": "x"}, "List.InvalidSearchProperty"),
        ({"sortBy": "xp"}, "List.InvalidSortProperty"),
        ({"Nope": "1"}, "List.InvalidProperty"),
        ({"DateCreated": "yesterday"}, "List.InvalidType"),
    ):
        refused = await client.get(URL, params=params, headers=admin)
        assert refused.status_code == 400, params
        assert refused.json()["Errors"][0]["ErrorCode"] == code


async def test_only_admin_addresses_are_seen(client: httpx.AsyncClient, callers: Callers, database: Database) -> None:
    """Rows of the same table owned by a buyer (same ID even) are another scope: invisible, untouched."""
    admin = await callers.headers(Role.AdminAddressAdmin)
    async with database.transaction() as connection:
        await connection.execute(
            insert(addresses).values(
                marketplace_id=callers.marketplace_id,
                owner_type="buyer",
                company_id="b1",
                id="shared",
                date_created=datetime.now(UTC),
                street1="1 Buyer Rd",
                city="Oslo",
                country="NO",
            )
        )
    assert (await client.get(URL, headers=admin)).json()["Items"] == []
    assert (await client.get(f"{URL}/shared", headers=admin)).status_code == 404
    assert (await client.patch(f"{URL}/shared", json={"City": "X"}, headers=admin)).status_code == 404
    assert (await client.delete(f"{URL}/shared", headers=admin)).status_code == 404
    mine = await client.post(
        URL, json={"ID": "shared", "Street1": "1 Admin Rd", "City": "Rome", "Country": "IT"}, headers=admin
    )
    assert mine.status_code == 201
    assert (await client.get(f"{URL}/shared", headers=admin)).json()["City"] == "Rome"


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    body = {"ID": "a1", "Street1": "1 A St", "City": "Oslo", "Country": "NO"}
    await client.post(URL, json=body, headers=admin)

    reader = await callers.headers(Role.AdminAddressReader)
    assert (await client.get(URL, headers=reader)).status_code == 200
    assert (await client.get(f"{URL}/a1", headers=reader)).status_code == 200
    for method, path, sent in (
        ("POST", URL, body | {"ID": "a2"}),
        ("PUT", f"{URL}/a1", body),
        ("PATCH", f"{URL}/a1", {"City": "X"}),
        ("DELETE", f"{URL}/a1", None),
    ):
        denied = await client.request(method, path, json=sent, headers=reader)
        assert denied.status_code == 403, (method, path)
        error = denied.json()["Errors"][0]
        assert error["ErrorCode"] == "Auth.InsufficientRoles"
        assert error["Data"]["SufficientRoles"] == ["AdminAddressAdmin"]

    nobody = await callers.headers(Role.AddressAdmin)
    assert (await client.get(URL, headers=nobody)).status_code == 403
    assert (await client.get(URL)).status_code == 401
    full = await callers.headers(Role.FullAccess)
    assert (await client.patch(f"{URL}/a1", json={"City": "Bergen"}, headers=full)).status_code == 200


async def test_buyer_and_supplier_users_may_read_but_not_write(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.AdminAddressAdmin)
    body = {"ID": "a1", "Street1": "1 A St", "City": "Oslo", "Country": "NO"}
    await client.post(URL, json=body, headers=admin)
    for user_type in (UserType.BUYER, UserType.SUPPLIER):
        outsider = await callers.headers(Role.AdminAddressAdmin, user_type=user_type)
        assert (await client.get(URL, headers=outsider)).status_code == 200
        assert (await client.get(f"{URL}/a1", headers=outsider)).status_code == 200
        for method, path, sent in (
            ("POST", URL, body | {"ID": "a2"}),
            ("PUT", f"{URL}/a1", body),
            ("PATCH", f"{URL}/a1", {"City": "X"}),
            ("DELETE", f"{URL}/a1", None),
        ):
            denied = await client.request(method, path, json=sent, headers=outsider)
            assert denied.status_code == 403, (user_type, method)
            assert denied.json()["Errors"][0]["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
    assert (await client.get(f"{URL}/a1", headers=admin)).json()["City"] == "Oslo"
