from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from mercato.auth.roles import Role
from mercato.context import UserType
from mercato.db.tables import marketplaces
from tests.fixtures.identity import Callers

BREAKS = [{"Quantity": 10, "Price": 9.5}, {"Quantity": 1, "Price": 10, "SalePrice": 8.25}]


def error_of(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def test_crud(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.PriceScheduleAdmin)
    made = await client.post(
        "/v1/priceschedules",
        json={"ID": "retail", "Name": "Retail", "Currency": "USD", "PriceBreaks": BREAKS, "xp": {"a": 1}},
        headers=admin,
    )
    assert made.status_code == 201, made.text
    assert made.headers["location"] == "/v1/priceschedules/retail"
    assert made.json() == {
        "OwnerID": callers.marketplace_id,
        "ID": "retail",
        "Name": "Retail",
        "ApplyTax": False,
        "ApplyShipping": False,
        "MinQuantity": 1,
        "MaxQuantity": None,
        "UseCumulativeQuantity": False,
        "RestrictedQuantity": False,
        "PriceBreaks": [
            {"Quantity": 1, "Price": 10.0, "SalePrice": 8.25, "SubscriptionPrice": None, "BundlePrice": None},
            {"Quantity": 10, "Price": 9.5, "SalePrice": None, "SubscriptionPrice": None, "BundlePrice": None},
        ],
        "Currency": "USD",
        "SaleStart": None,
        "SaleEnd": None,
        "IsOnSale": True,  # a SalePrice and no window: on sale
        "xp": {"a": 1},
    }
    got = await client.get("/v1/PriceSchedules/retail", headers=admin)
    assert got.json() == made.json()

    patched = await client.patch(
        "/v1/priceschedules/retail", json={"MaxQuantity": 50, "xp": {"b": 2}, "IsOnSale": False}, headers=admin
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert (body["MaxQuantity"], body["xp"], body["IsOnSale"], len(body["PriceBreaks"])) == (
        50,
        {"a": 1, "b": 2},
        True,
        2,
    )

    saved = await client.put("/v1/priceschedules/retail", json={"Name": "Retail 2", "OwnerID": "x"}, headers=admin)
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["OwnerID"] == callers.marketplace_id  # set on create only
    assert (body["Name"], body["MaxQuantity"], body["PriceBreaks"], body["Currency"], body["xp"]) == (
        "Retail 2",
        None,
        [],
        None,
        None,
    )
    assert body["IsOnSale"] is False

    assert (await client.delete("/v1/priceschedules/retail", headers=admin)).status_code == 204
    missing = await client.get("/v1/priceschedules/retail", headers=admin)
    assert missing.status_code == 404
    assert error_of(missing)["Data"] == {"ObjectType": "PriceSchedule", "ObjectID": "retail"}
    assert (await client.delete("/v1/priceschedules/retail", headers=admin)).status_code == 404


async def test_put_creates_and_renames(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.PriceScheduleAdmin)
    made = await client.put("/v1/priceschedules/a", json={"Name": "A", "PriceBreaks": BREAKS}, headers=admin)
    assert made.status_code == 200, made.text
    assert (made.json()["ID"], made.json()["OwnerID"]) == ("a", callers.marketplace_id)
    renamed = await client.patch("/v1/priceschedules/a", json={"ID": "b"}, headers=admin)
    assert renamed.json()["ID"] == "b"
    assert (await client.get("/v1/priceschedules/a", headers=admin)).status_code == 404
    assert (await client.get("/v1/priceschedules/b", headers=admin)).json()["Name"] == "A"
    await client.post("/v1/priceschedules", json={"ID": "c", "Name": "C"}, headers=admin)
    taken = await client.put("/v1/priceschedules/b", json={"ID": "c", "Name": "B"}, headers=admin)
    assert taken.status_code == 409
    assert error_of(taken)["ErrorCode"] == "IdExists"
    dup = await client.post("/v1/priceschedules", json={"ID": "c", "Name": "C"}, headers=admin)
    assert dup.status_code == 409


async def test_generated_ids_and_incrementors(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    generated = await client.post("/v1/priceschedules", json={"Name": "No ID"}, headers=admin)
    assert generated.status_code == 201
    assert len(generated.json()["ID"]) == 22
    await client.post("/v1/incrementors", json={"ID": "ps", "LastNumber": 0, "LeftPaddingCount": 3}, headers=admin)
    numbered = await client.post("/v1/priceschedules", json={"ID": "PS-{ps}", "Name": "N"}, headers=admin)
    assert numbered.json()["ID"] == "PS-001"


async def test_list(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.PriceScheduleReader, Role.PriceScheduleAdmin)
    now = datetime.now(UTC)
    rows: list[tuple[str, str, str, dict[str, Any]]] = [
        ("s1", "Wholesale", "EUR", {"MinQuantity": 10}),
        ("s2", "Retail", "USD", {"RestrictedQuantity": True}),
        (
            "s3",
            "Clearance",
            "USD",
            {"SaleStart": iso(now - timedelta(days=1)), "SaleEnd": iso(now + timedelta(days=1))},
        ),
        ("s4", "Expired sale", "USD", {"SaleEnd": iso(now - timedelta(days=1))}),
    ]
    for sid, name, currency, extra in rows:
        body: dict[str, Any] = {"ID": sid, "Name": name, "Currency": currency, "PriceBreaks": BREAKS} | extra
        assert (await client.post("/v1/priceschedules", json=body, headers=admin)).status_code == 201

    async def ids(**params: Any) -> list[str]:
        response = await client.get("/v1/priceschedules", params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [item["ID"] for item in response.json()["Items"]]

    assert await ids() == ["s3", "s4", "s2", "s1"]  # by Name
    assert await ids(sortBy="!ID") == ["s4", "s3", "s2", "s1"]
    assert await ids(Currency="usd", sortBy="ID") == ["s2", "s3", "s4"]
    assert await ids(MinQuantity=">1") == ["s1"]
    assert await ids(RestrictedQuantity="true") == ["s2"]
    assert await ids(search="sale", sortBy="ID") == ["s1", "s4"]
    assert await ids(search="eur", searchOn="Currency") == ["s1"]
    assert await ids(SaleEnd="<" + iso(now)) == ["s4"]
    listed = await client.get("/v1/priceschedules", params={"sortBy": "ID"}, headers=admin)
    assert [item["IsOnSale"] for item in listed.json()["Items"]] == [True, True, True, False]
    for bad in ({"IsOnSale": "true"}, {"PriceBreaks": "1"}, {"sortBy": "Currency"}):
        refused = await client.get("/v1/priceschedules", params=bad, headers=admin)
        assert refused.status_code == 400, bad


async def test_sale_window(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    now = datetime.now(UTC)
    cases = [
        (None, None, True),
        (now - timedelta(hours=1), None, True),
        (now + timedelta(hours=1), None, False),
        (None, now - timedelta(hours=1), False),
        (now - timedelta(hours=1), now + timedelta(hours=1), True),
    ]
    for n, (start, end, on_sale) in enumerate(cases):
        body = {
            "ID": f"w{n}",
            "Name": "W",
            "PriceBreaks": BREAKS,
            "SaleStart": iso(start) if start else None,
            "SaleEnd": iso(end) if end else None,
        }
        made = await client.post("/v1/priceschedules", json=body, headers=admin)
        assert made.json()["IsOnSale"] is on_sale, (n, made.text)
    no_sale_price = await client.post(
        "/v1/priceschedules", json={"Name": "N", "PriceBreaks": [{"Quantity": 1, "Price": 1}]}, headers=admin
    )
    assert no_sale_price.json()["IsOnSale"] is False
    offset = await client.post(
        "/v1/priceschedules",
        json={"ID": "tz", "Name": "TZ", "SaleStart": "2030-01-01T10:00:00+02:00", "SaleEnd": "2030-01-02T00:00:00"},
        headers=admin,
    )
    assert offset.status_code == 201, offset.text
    assert offset.json()["SaleStart"].startswith("2030-01-01T08:00:00")


@pytest.mark.parametrize(
    ("body", "status", "code", "data"),
    [
        (
            {"MinQuantity": 5, "MaxQuantity": 4},
            400,
            "PriceSchedule.MinGreaterThanMax",
            {"MinQuantity": 5, "MaxQuantity": 4},
        ),
        ({"MaxQuantity": 0}, 400, "PriceSchedule.MinGreaterThanMax", {"MinQuantity": 1, "MaxQuantity": 0}),
        ({"MinQuantity": None, "MaxQuantity": -1}, 400, "PriceSchedule.MinGreaterThanMax", None),
        ({"MinQuantity": 0}, 400, "ValidationFailure", {"Field": "MinQuantity"}),
        ({"MinQuantity": 2**31}, 400, "ValidationFailure", {"Field": "MinQuantity"}),
        (
            {"PriceBreaks": [{"Quantity": 1, "Price": 1}, {"Quantity": 1, "Price": 2}]},
            400,
            "PriceSchedule.DuplicatePriceBreaks",
            {"Quantity": 1},
        ),
        ({"PriceBreaks": [{"Quantity": 0, "Price": 1}]}, 400, "PriceSchedule.MinQtyMustBePositive", None),
        (
            {"PriceBreaks": [{"Quantity": -1, "Price": 1}]},
            400,
            "ValidationFailure",
            {"Field": "PriceBreaks[0].Quantity"},
        ),
        (
            {"PriceBreaks": [{"Quantity": 1, "Price": -0.01}]},
            400,
            "ValidationFailure",
            {"Field": "PriceBreaks[0].Price"},
        ),
        (
            {"PriceBreaks": [{"Quantity": 1, "Price": 1e11}]},
            400,
            "ValidationFailure",
            {"Field": "PriceBreaks[0].Price"},
        ),
        ({"PriceBreaks": [{"Quantity": 1}]}, 400, "ValidationFailure", {"Field": "PriceBreaks[0].Price"}),
        ({"PriceBreaks": [{"Price": 1}]}, 400, "ValidationFailure", {"Field": "PriceBreaks[0].Quantity"}),
        ({"PriceBreaks": [{"Quantity": 1, "Price": "1"}]}, 400, "ValidationFailure", {"Field": "PriceBreaks[0].Price"}),
        ({"PriceBreaks": [{"Quantity": n, "Price": 1} for n in range(1, 1002)]}, 400, "ValidationFailure", None),
        (
            {"SaleStart": "2030-01-02T00:00:00Z", "SaleEnd": "2030-01-01T00:00:00Z"},
            400,
            "PriceSchedule.InvalidSaleStartOrSaleEnd",
            None,
        ),
        (
            {"SaleStart": "2030-01-01T00:00:00Z", "SaleEnd": "2030-01-01T00:00:00Z"},
            400,
            "PriceSchedule.InvalidSaleStartOrSaleEnd",
            None,
        ),
        ({"SaleStart": "yesterday"}, 400, "ValidationFailure", {"Field": "SaleStart"}),
        ({"Name": ""}, 400, "ValidationFailure", {"Field": "Name"}),
        ({"Name": None}, 400, "ValidationFailure", {"Field": "Name"}),
        ({"Currency": "x" * 101}, 400, "ValidationFailure", {"Field": "Currency"}),
        ({"ID": "a b"}, 400, "ValidationFailure", None),
        ({"OwnerID": "some-supplier"}, 404, "NotFound", {"ObjectType": "Supplier", "ObjectID": "some-supplier"}),
    ],
)
async def test_bad_schedules_are_refused_and_nothing_is_written(
    client: httpx.AsyncClient, callers: Callers, body: dict[str, Any], status: int, code: str, data: Any
) -> None:
    admin = await callers.admin()
    payload = {"ID": "bad", "Name": "Bad"} | body
    for method, path in (("POST", "/v1/priceschedules"), ("PUT", "/v1/priceschedules/bad")):
        response = await client.request(method, path, json=payload, headers=admin)
        assert response.status_code == status, (method, response.text)
        error = error_of(response)
        assert error["ErrorCode"] == code, response.text
        if data is not None:
            assert error["Data"] == data
    assert (await client.get("/v1/priceschedules", headers=admin)).json()["Items"] == []


async def test_patch_is_checked_like_put(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    await client.post("/v1/priceschedules", json={"ID": "p", "Name": "P", "MinQuantity": 5}, headers=admin)
    refused = await client.patch("/v1/priceschedules/p", json={"MaxQuantity": 4}, headers=admin)
    assert error_of(refused)["ErrorCode"] == "PriceSchedule.MinGreaterThanMax"
    refused = await client.patch(
        "/v1/priceschedules/p",
        json={"SaleStart": "2030-01-02T00:00:00Z", "SaleEnd": "2029-01-01T00:00:00Z"},
        headers=admin,
    )
    assert error_of(refused)["ErrorCode"] == "PriceSchedule.InvalidSaleStartOrSaleEnd"
    missing = await client.patch("/v1/priceschedules/nope", json={"Name": "x"}, headers=admin)
    assert missing.status_code == 404
    replaced = await client.patch(
        "/v1/priceschedules/p",
        json={"PriceBreaks": [{"Quantity": 5, "Price": 3}, {"Quantity": 2, "Price": 4}]},
        headers=admin,
    )
    assert [b["Quantity"] for b in replaced.json()["PriceBreaks"]] == [2, 5]
    assert replaced.json()["MinQuantity"] == 5


async def test_money_and_normalised_fields(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    made = await client.post(
        "/v1/priceschedules",
        json={
            "ID": "m",
            "Name": "M",
            "MinQuantity": None,
            "Currency": "  ",
            "PriceBreaks": [
                {"Quantity": 1, "Price": 0.1, "SalePrice": 1.00005, "SubscriptionPrice": 2.675, "BundlePrice": 7},
                {"Quantity": 1000, "Price": 0.0125},
                {"Quantity": 2, "Price": 9999999999.99999},
            ],
        },
        headers=admin,
    )
    assert made.status_code == 201, made.text
    assert '"Price":0.1,' in made.text  # a JSON number, never a string
    body = made.json()
    assert body["PriceBreaks"] == [
        {"Quantity": 1, "Price": 0.1, "SalePrice": 1.0001, "SubscriptionPrice": 2.675, "BundlePrice": 7.0},
        {"Quantity": 2, "Price": 10000000000.0, "SalePrice": None, "SubscriptionPrice": None, "BundlePrice": None},
        {"Quantity": 1000, "Price": 0.0125, "SalePrice": None, "SubscriptionPrice": None, "BundlePrice": None},
    ]
    assert (body["MinQuantity"], body["Currency"]) == (1, None)
    nulls = await client.put("/v1/priceschedules/m", json={"Name": "M", "PriceBreaks": None}, headers=admin)
    assert nulls.json()["PriceBreaks"] == []


async def test_roles(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.PriceScheduleAdmin)
    await client.post("/v1/priceschedules", json={"ID": "r", "Name": "R"}, headers=admin)
    reader = await callers.headers(Role.PriceScheduleReader)
    assert (await client.get("/v1/priceschedules", headers=reader)).status_code == 200
    assert (await client.get("/v1/priceschedules/r", headers=reader)).status_code == 200
    for method, path, body in [
        ("POST", "/v1/priceschedules", {"Name": "x"}),
        ("PUT", "/v1/priceschedules/r", {"Name": "x"}),
        ("PATCH", "/v1/priceschedules/r", {"Name": "x"}),
        ("DELETE", "/v1/priceschedules/r", None),
        ("POST", "/v1/priceschedules/r/PriceBreaks", {"Quantity": 1, "Price": 1}),
        ("DELETE", "/v1/priceschedules/r/PriceBreaks?quantity=1", None),
    ]:
        denied = await client.request(method, path, json=body, headers=reader)
        assert denied.status_code == 403, (method, path)
        assert error_of(denied)["Data"]["SufficientRoles"] == ["PriceScheduleAdmin"]
    shopper = await callers.headers(Role.Shopper)
    assert (await client.get("/v1/priceschedules", headers=shopper)).status_code == 403


@pytest.mark.parametrize("user_type", [UserType.BUYER, UserType.SUPPLIER])
async def test_buyer_and_supplier_users_are_refused_whatever_their_roles(
    client: httpx.AsyncClient, callers: Callers, user_type: UserType
) -> None:
    admin = await callers.admin()
    await client.post("/v1/priceschedules", json={"ID": "secret", "Name": "Negotiated"}, headers=admin)
    other = await callers.headers(Role.FullAccess, Role.PriceScheduleAdmin, user_type=user_type)
    for method, path in [("GET", "/v1/priceschedules"), ("GET", "/v1/priceschedules/secret")]:
        refused = await client.request(method, path, headers=other)
        assert refused.status_code == 403
        assert error_of(refused)["ErrorCode"] == "Auth.UserNotAuthorizedToAdmin"
        assert "Negotiated" not in refused.text
    made = await client.post("/v1/priceschedules", json={"Name": "Mine"}, headers=other)
    assert made.status_code == 403


async def test_marketplaces_do_not_see_each_other(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    await client.post("/v1/priceschedules", json={"ID": "shared-id", "Name": "Mine"}, headers=admin)
    other = Callers(callers.database, callers.keys, callers.issuer, await _other_marketplace(callers))
    theirs = await other.admin()
    assert (await client.get("/v1/priceschedules/shared-id", headers=theirs)).status_code == 404
    assert (await client.get("/v1/priceschedules", headers=theirs)).json()["Items"] == []
    made = await client.post("/v1/priceschedules", json={"ID": "shared-id", "Name": "Theirs"}, headers=theirs)
    assert made.status_code == 201  # IDs are unique within a marketplace
    assert (await client.get("/v1/priceschedules/shared-id", headers=admin)).json()["Name"] == "Mine"


async def _other_marketplace(callers: Callers) -> str:
    mid = f"mp-{uuid.uuid4().hex[:12]}"
    async with callers.database.transaction() as connection:
        await connection.execute(insert(marketplaces).values(id=mid, name=mid, date_created=datetime.now(UTC)))
    return mid
