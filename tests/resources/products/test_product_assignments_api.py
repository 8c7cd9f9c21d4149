from __future__ import annotations

from typing import Any

import httpx
import pytest

from mercato.auth.roles import Role
from mercato.db.engine import Database
from tests.fixtures.identity import Callers
from tests.resources.credit_cards.parties import error, group
from tests.resources.products import catalog_rows

URL = "/v1/products/assignments"


@pytest.fixture
async def setup(client: httpx.AsyncClient, callers: Callers, database: Database) -> dict[str, str]:
    """Products mug and cap, buyers b1 (catalog c1 with mug) and b2 (catalog c2 with cap), group g1 of b1, price
    schedule retail."""
    admin = await callers.headers(Role.ProductAdmin)
    mid = callers.marketplace_id
    for product_id in ("mug", "cap"):
        assert (
            await client.post("/v1/products", json={"ID": product_id, "Name": product_id}, headers=admin)
        ).status_code == 201
    await callers.buyer("b1")
    await callers.buyer("b2")
    await catalog_rows.catalog(database, mid, "c1", buyers=("b1",))
    await catalog_rows.catalog(database, mid, "c2", buyers=("b2",))
    await catalog_rows.in_catalog(database, mid, "c1", "mug")
    await catalog_rows.in_catalog(database, mid, "c2", "cap")
    await group(client, callers, "b1", "g1")
    await catalog_rows.price_schedule(database, mid, "retail")
    return await callers.headers(Role.ProductAssignmentAdmin)


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["Items"]
    return found


async def test_save_list_and_delete(client: httpx.AsyncClient, callers: Callers, setup: dict[str, str]) -> None:
    headers = setup
    for body in (
        {"ProductID": "mug", "BuyerID": "b1"},
        {"ProductID": "mug", "BuyerID": "b1", "UserGroupID": "g1", "PriceScheduleID": "retail"},
        {"ProductID": "cap", "BuyerID": "b2", "PriceScheduleID": "retail", "SellerID": callers.marketplace_id},
    ):
        saved = await client.post(URL, json=body, headers=headers)
        assert saved.status_code == 204, saved.text
    repriced = await client.post(
        URL, json={"ProductID": "mug", "BuyerID": "b1", "PriceScheduleID": "retail"}, headers=headers
    )
    assert repriced.status_code == 204

    everything = items(await client.get(URL, headers=headers))
    assert everything == [
        {"SellerID": None, "ProductID": "cap", "BuyerID": "b2", "UserGroupID": None, "PriceScheduleID": "retail"},
        {"SellerID": None, "ProductID": "mug", "BuyerID": "b1", "UserGroupID": None, "PriceScheduleID": "retail"},
        {"SellerID": None, "ProductID": "mug", "BuyerID": "b1", "UserGroupID": "g1", "PriceScheduleID": "retail"},
    ]

    async def listed(**params: str) -> list[tuple[str, str, str | None]]:
        found = items(await client.get(URL, params=params, headers=headers))
        return [(a["ProductID"], a["BuyerID"], a["UserGroupID"]) for a in found]

    assert await listed(productID="mug") == [("mug", "b1", None), ("mug", "b1", "g1")]
    assert await listed(buyerID="b2") == [("cap", "b2", None)]
    assert await listed(userGroupID="g1") == [("mug", "b1", "g1")]
    assert await listed(level="group") == [("mug", "b1", "g1")]
    assert await listed(level="Company", buyerID="b1") == [("mug", "b1", None)]
    assert await listed(level="User") == []
    assert await listed(priceScheduleID="none") == []
    assert await listed(pageSize="1", page="3") == [("mug", "b1", "g1")]
    for params in ({"level": "Team"}, {"ProductID": "mug"}, {"sortBy": "ProductID"}, {"search": "mug"}):
        assert (await client.get(URL, params=params, headers=headers)).status_code == 400

    delete = "/v1/products/mug/assignments/b1"
    assert (await client.delete(delete, params={"userGroupID": "g1"}, headers=headers)).status_code == 204
    assert await listed(productID="mug") == [("mug", "b1", None)]
    assert (await client.delete(delete, headers=headers)).status_code == 204
    assert (await client.delete(delete, headers=headers)).status_code == 204  # nothing left: still 204
    assert await listed(productID="mug") == []
    for path, params, status in (
        ("/v1/products/nope/assignments/b1", {}, 404),
        ("/v1/products/mug/assignments/nobody", {}, 404),
        (delete, {"userID": "u1"}, 400),
        (delete, {"sellerID": "acme"}, 404),
    ):
        response = await client.delete(path, params=params, headers=headers)
        assert response.status_code == status, response.text


async def test_assignment_rules(client: httpx.AsyncClient, callers: Callers, setup: dict[str, str]) -> None:
    headers = setup
    cases: list[tuple[dict[str, Any], int, str, Any]] = [
        (
            {"ProductID": "cap", "BuyerID": "b1"},
            400,
            "Product.CannotAssignNotInBuyerCatalog",
            {"ProductID": "cap", "BuyerID": "b1"},
        ),
        ({"ProductID": "mug", "BuyerID": "b1", "UserID": "u1"}, 400, "PartyAssignment.UserLevelNotAllowed", None),
        (
            {"ProductID": "mug", "BuyerID": "b1", "UserID": "u1", "UserGroupID": "g1"},
            400,
            "PartyAssignment.CannotSpecifyGroupAndUser",
            None,
        ),
        ({"ProductID": "nope", "BuyerID": "b1"}, 404, "NotFound", {"ObjectType": "Product", "ObjectID": "nope"}),
        ({"ProductID": "mug", "BuyerID": "b9"}, 404, "NotFound", {"ObjectType": "Buyer", "ObjectID": "b9"}),
        (
            {"ProductID": "mug", "BuyerID": "b2", "UserGroupID": "g1"},
            404,
            "NotFound",
            {"ObjectType": "UserGroup", "ObjectID": "g1"},
        ),
        (
            {"ProductID": "mug", "BuyerID": "b1", "PriceScheduleID": "wholesale"},
            404,
            "NotFound",
            {"ObjectType": "PriceSchedule", "ObjectID": "wholesale"},
        ),
        (
            {"ProductID": "mug", "BuyerID": "b1", "SellerID": "acme"},
            404,
            "NotFound",
            {"ObjectType": "Supplier", "ObjectID": "acme"},
        ),
        ({"ProductID": "mug"}, 400, "ValidationFailure", {"Field": "BuyerID"}),
        ({"ProductID": "", "BuyerID": "b1"}, 400, "ValidationFailure", {"Field": "ProductID"}),
    ]
    for body, status, code, data in cases:
        response = await client.post(URL, json=body, headers=headers)
        assert response.status_code == status, f"{body}: {response.text}"
        assert error(response)["ErrorCode"] == code
        if data is not None:
            assert error(response)["Data"] == data
    assert items(await client.get(URL, headers=headers)) == []


async def test_assignments_follow_products_and_groups(
    client: httpx.AsyncClient, callers: Callers, setup: dict[str, str]
) -> None:
    headers = setup
    admin = await callers.headers(Role.FullAccess)
    assert (
        await client.post(URL, json={"ProductID": "mug", "BuyerID": "b1", "UserGroupID": "g1"}, headers=headers)
    ).status_code == 204
    assert (await client.post(URL, json={"ProductID": "mug", "BuyerID": "b1"}, headers=headers)).status_code == 204
    assert (await client.patch("/v1/products/mug", json={"ID": "cup"}, headers=admin)).status_code == 200
    assert {a["ProductID"] for a in items(await client.get(URL, headers=headers))} == {"cup"}
    renamed = await client.patch("/v1/buyers/b1/usergroups/g1", json={"ID": "g2"}, headers=admin)
    assert renamed.status_code == 200, renamed.text
    assert [a["UserGroupID"] for a in items(await client.get(URL, headers=headers))] == [None, "g2"]
    assert (await client.delete("/v1/buyers/b1/usergroups/g2", headers=admin)).status_code == 204
    assert [a["UserGroupID"] for a in items(await client.get(URL, headers=headers))] == [None]
    assert (await client.delete("/v1/products/cup", headers=admin)).status_code == 204
    assert items(await client.get(URL, headers=headers)) == []


async def test_roles(client: httpx.AsyncClient, callers: Callers, setup: dict[str, str]) -> None:
    reader = await callers.headers(Role.ProductReader)
    assert (await client.get(URL, headers=reader)).status_code == 200
    refused = await client.post(URL, json={"ProductID": "mug", "BuyerID": "b1"}, headers=reader)
    assert refused.status_code == 403
    assert error(refused)["ErrorCode"] == "Auth.InsufficientRoles"
    refused = await client.delete("/v1/products/mug/assignments/b1", headers=reader)
    assert refused.status_code == 403
