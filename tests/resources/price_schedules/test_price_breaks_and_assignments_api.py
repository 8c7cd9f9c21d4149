from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from mercato.auth.roles import Role
from mercato.catalog import pricing
from mercato.db.engine import Database
from mercato.resources.price_schedules import service
from mercato.resources.price_schedules.schemas import core
from tests.fixtures.identity import Callers
from tests.resources.price_schedules.conftest import Catalog

PS = "/v1/priceschedules"
NOW = datetime.now(UTC)


def error_of(response: httpx.Response) -> dict[str, Any]:
    errors: list[dict[str, Any]] = response.json()["Errors"]
    return errors[0]


def quantities(response: httpx.Response) -> list[int]:
    return [b["Quantity"] for b in response.json()["PriceBreaks"]]


async def schedule(client: httpx.AsyncClient, headers: dict[str, str], sid: str, **fields: Any) -> None:
    body = {"ID": sid, "Name": sid, "Currency": "USD", "PriceBreaks": [{"Quantity": 1, "Price": 10}]} | fields
    made = await client.post(PS, json=body, headers=headers)
    assert made.status_code == 201, made.text


async def test_save_and_delete_price_breaks(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.headers(Role.PriceScheduleAdmin)
    await schedule(client, admin, "tiers")
    added = await client.post(f"{PS}/tiers/PriceBreaks", json={"Quantity": 10, "Price": 9.12345}, headers=admin)
    assert added.status_code == 201, added.text
    assert added.headers["location"] == f"{PS}/tiers"
    assert quantities(added) == [1, 10]
    assert added.json()["PriceBreaks"][1]["Price"] == 9.1235
    lower = await client.post(f"{PS}/tiers/pricebreaks", json={"Quantity": 5, "Price": 9.5}, headers=admin)
    assert quantities(lower) == [1, 5, 10]  # kept sorted; the path's case does not matter
    replaced = await client.post(
        f"{PS}/tiers/PriceBreaks", json={"Quantity": 5, "Price": 9.4, "SalePrice": 9}, headers=admin
    )
    assert replaced.json()["PriceBreaks"][1] == {
        "Quantity": 5,
        "Price": 9.4,
        "SalePrice": 9.0,
        "SubscriptionPrice": None,
        "BundlePrice": None,
    }
    assert replaced.json()["IsOnSale"] is True
    zero = await client.post(f"{PS}/tiers/PriceBreaks", json={"Quantity": 0, "Price": 11}, headers=admin)
    assert quantities(zero) == [0, 1, 5, 10]

    deleted = await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 5}, headers=admin)
    assert deleted.status_code == 204
    assert quantities(await client.get(f"{PS}/tiers", headers=admin)) == [0, 1, 10]
    assert (await client.get(f"{PS}/tiers", headers=admin)).json()["IsOnSale"] is False

    missing = await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 5}, headers=admin)
    assert missing.status_code == 404
    assert error_of(missing)["ErrorCode"] == "PriceSchedule.QtyNotFound"
    assert error_of(missing)["Data"] == {"PriceScheduleID": "tiers", "Quantity": 5}
    for bad in (
        {},
        {"quantity": ""},
        {"quantity": "x"},
        {"quantity": "-1"},
        {"quantity": "1.5"},
        {"quantity": "9" * 30},
    ):
        refused = await client.delete(f"{PS}/tiers/PriceBreaks", params=bad, headers=admin)
        assert refused.status_code == 400, bad
        assert error_of(refused)["Data"] == {"Field": "quantity"}

    # Removing every break of quantity ≥ 1 would leave only the 0 break.
    await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 1}, headers=admin)
    alone = await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 10}, headers=admin)
    assert error_of(alone)["ErrorCode"] == "PriceSchedule.MinQtyMustBePositive"
    await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 0}, headers=admin)
    last = await client.delete(f"{PS}/tiers/PriceBreaks", params={"quantity": 10}, headers=admin)
    assert last.status_code == 204  # not assigned: the last break may go
    assert (await client.get(f"{PS}/tiers", headers=admin)).json()["PriceBreaks"] == []

    only_zero = await client.post(f"{PS}/tiers/PriceBreaks", json={"Quantity": 0, "Price": 1}, headers=admin)
    assert error_of(only_zero)["ErrorCode"] == "PriceSchedule.MinQtyMustBePositive"


async def test_price_breaks_of_a_missing_schedule_or_a_bad_break(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    for response in (
        await client.post(f"{PS}/nope/PriceBreaks", json={"Quantity": 1, "Price": 1}, headers=admin),
        await client.delete(f"{PS}/nope/PriceBreaks", params={"quantity": 1}, headers=admin),
    ):
        assert response.status_code == 404
        assert error_of(response)["Data"] == {"ObjectType": "PriceSchedule", "ObjectID": "nope"}
    await schedule(client, admin, "s")
    for body, field in [
        ({"Price": 1}, "Quantity"),
        ({"Quantity": 1}, "Price"),
        ({"Quantity": -1, "Price": 1}, "Quantity"),
        ({"Quantity": 1, "Price": 1, "SalePrice": -1}, "SalePrice"),
    ]:
        refused = await client.post(f"{PS}/s/PriceBreaks", json=body, headers=admin)
        assert refused.status_code == 400
        assert error_of(refused)["Data"] == {"Field": field}


async def test_concurrent_break_saves_lose_nothing(client: httpx.AsyncClient, callers: Callers) -> None:
    admin = await callers.admin()
    await schedule(client, admin, "busy")

    async def add(quantity: int) -> httpx.Response:
        return await client.post(f"{PS}/busy/PriceBreaks", json={"Quantity": quantity, "Price": 1}, headers=admin)

    responses = await asyncio.gather(*(add(q) for q in range(2, 14)))
    assert all(r.status_code == 201 for r in responses)
    assert quantities(await client.get(f"{PS}/busy", headers=admin)) == list(range(1, 14))


async def test_an_assigned_schedule_keeps_its_currency_and_a_break(
    client: httpx.AsyncClient, callers: Callers, catalog: Catalog
) -> None:
    admin = await callers.admin()
    for sid in ("by-default", "by-assignment", "free"):
        await schedule(client, admin, sid)
    await catalog.product("p1", default_price_schedule_id="by-default")
    await catalog.product("p2")
    await catalog.assignment("p2", "by-assignment")
    await catalog.assignment("p1", None, buyer_id="other-buyer")  # an assignment without a schedule

    for sid in ("by-default", "by-assignment"):
        for method, body in (("PATCH", {"Currency": "EUR"}), ("PATCH", {"Currency": None}), ("PUT", {"Name": "x"})):
            refused = await client.request(method, f"{PS}/{sid}", json=body, headers=admin)
            assert refused.status_code == 400, (sid, method, body)
            assert error_of(refused)["ErrorCode"] == "PriceSchedule.CannotModifyCurrency"
            assert error_of(refused)["Data"] == {"Currency": "USD"}
        same = await client.put(
            f"{PS}/{sid}",
            json={"Name": "kept", "Currency": "USD", "PriceBreaks": [{"Quantity": 1, "Price": 2}]},
            headers=admin,
        )
        assert same.status_code == 200, same.text
        cleared = await client.patch(f"{PS}/{sid}", json={"PriceBreaks": []}, headers=admin)
        assert error_of(cleared)["ErrorCode"] == "PriceSchedule.CannotClearPriceBreaks"
        cleared = await client.put(f"{PS}/{sid}", json={"Name": "x", "Currency": "USD"}, headers=admin)
        assert error_of(cleared)["ErrorCode"] == "PriceSchedule.CannotClearPriceBreaks"
        last = await client.delete(f"{PS}/{sid}/PriceBreaks", params={"quantity": 1}, headers=admin)
        assert last.status_code == 400
        assert error_of(last)["ErrorCode"] == "PriceSchedule.CannotDeleteLastPriceBreak"
        await client.post(f"{PS}/{sid}/PriceBreaks", json={"Quantity": 10, "Price": 1}, headers=admin)
        not_last = await client.delete(f"{PS}/{sid}/PriceBreaks", params={"quantity": 1}, headers=admin)
        assert not_last.status_code == 204
        assert quantities(await client.get(f"{PS}/{sid}", headers=admin)) == [10]

    free = await client.patch(f"{PS}/free", json={"Currency": "EUR", "PriceBreaks": []}, headers=admin)
    assert free.status_code == 200, free.text
    assert (free.json()["Currency"], free.json()["PriceBreaks"]) == ("EUR", [])


async def test_deleting_a_schedule_clears_its_references(
    client: httpx.AsyncClient, callers: Callers, catalog: Catalog
) -> None:
    admin = await callers.admin()
    await schedule(client, admin, "gone")
    await schedule(client, admin, "stays")
    await catalog.product("p1", default_price_schedule_id="gone")
    await catalog.product("p2", default_price_schedule_id="stays")
    await catalog.assignment("p1", "gone")
    await catalog.assignment("p2", "stays")
    assert (await client.delete(f"{PS}/gone", headers=admin)).status_code == 204
    assert await catalog.default_schedule_of("p1") is None
    assert await catalog.default_schedule_of("p2") == "stays"
    assert await catalog.assigned_schedules() == [None, "stays"]
    assert (await client.get(f"{PS}/stays", headers=admin)).status_code == 200


async def test_renaming_a_schedule_moves_its_references(
    client: httpx.AsyncClient, callers: Callers, catalog: Catalog
) -> None:
    admin = await callers.admin()
    await schedule(client, admin, "old")
    await catalog.product("p1", default_price_schedule_id="old")
    await catalog.assignment("p1", "old")
    renamed = await client.patch(f"{PS}/old", json={"ID": "new"}, headers=admin)
    assert renamed.json()["ID"] == "new"
    assert await catalog.default_schedule_of("p1") == "new"
    assert await catalog.assigned_schedules() == ["new"]
    again = await client.put(
        f"{PS}/new",
        json={"ID": "newer", "Name": "N", "Currency": "USD", "PriceBreaks": [{"Quantity": 1, "Price": 1}]},
        headers=admin,
    )
    assert again.status_code == 200, again.text
    assert await catalog.default_schedule_of("p1") == "newer"
    assert await catalog.assigned_schedules() == ["newer"]


async def test_find_many_reads_schedules_for_pricing(
    client: httpx.AsyncClient, callers: Callers, database: Database
) -> None:
    admin = await callers.admin()
    await schedule(client, admin, "a", PriceBreaks=[{"Quantity": 1, "Price": 10, "SalePrice": 8}])
    await schedule(client, admin, "b", SaleEnd="2000-01-01T00:00:00Z", PriceBreaks=[{"Quantity": 1, "Price": 5}])
    async with database.transaction(write=False) as connection:
        found = await service.find_many(connection, callers.marketplace_id, ["a", "b", "missing", "a"], NOW)
        assert await service.find_many(connection, callers.marketplace_id, [], NOW) == {}
    assert sorted(found) == ["a", "b"]
    assert (found["a"].IsOnSale, found["b"].IsOnSale) == (True, False)
    priced = pricing.unit_price(core(found["a"]), 2, NOW)
    assert (priced.base, priced.is_on_sale) == (Decimal("8"), True)
