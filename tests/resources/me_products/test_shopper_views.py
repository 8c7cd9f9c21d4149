"""Shopper views (mercato.catalog.shopper_views): one per party and catalog version, shared by the users of the
same groups, built once however many ask at once, superseded ones dropped, their lists' counts kept for every
process; on both databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from mercato.catalog import browse_cache, shopper_views
from mercato.context import Caller, UserType
from mercato.db.engine import Database
from mercato.db.process_memory import PerEngine
from mercato.db.tables import marketplaces, shopper_view_lists, shopper_view_products, users
from mercato.db.tables import shopper_views as views_table
from mercato.resources.me_products import service as me_products_service
from mercato.resources.me_products.service import RANKING
from tests.resources.me_products.conftest import URL, Market


@pytest.fixture
def read_path() -> str:
    """Not the package's two read paths: these tests watch the views being built as a server builds them."""
    return "as served"


async def views(database: Database, marketplace_id: str) -> list[tuple[str, int, int]]:
    """(ID, catalog version, total) of the marketplace's views."""
    h = views_table.c
    async with database.transaction(write=False) as connection:
        rows = await connection.execute(
            select(h.id, h.catalog_version, h.total).where(h.marketplace_id == marketplace_id).order_by(h.built_at)
        )
        return [(row.id, row.catalog_version, row.total) for row in rows]


async def browse(client: httpx.AsyncClient, database: Database, headers: dict[str, str], **params: str) -> list[str]:
    """List, then wait for the view the list asked for to be built."""
    response = await client.get(URL, params={"pageSize": "100"} | params, headers=headers)
    assert response.status_code == 200, response.text
    await database.settle()
    return [item["ID"] for item in response.json()["Items"]]


@pytest.fixture
async def shelf(market: Market) -> Market:
    """Buyer b1's default catalog holds p1 and p2 (ViewAllProducts); group g1 is also offered p3 of catalog c."""
    await market.buyer("b1")
    for product_id in ("p1", "p2", "p3"):
        await market.product(product_id)
    await market.in_catalog("b1", "p1", "p2")
    await market.catalog("c")
    await market.assign("c", "b1", categories=False, products=False)
    await market.in_catalog("c", "p3")
    await market.group("b1", "g1")
    for user_id in ("u1", "u2", "u3"):
        market.headers[user_id] = await market.user("b1", user_id)
    await market.join("b1", "g1", "u1")
    await market.join("b1", "g1", "u2")
    await market.offer("p3", "b1", "g1")
    return market


async def test_users_of_the_same_groups_share_one_view(
    client: httpx.AsyncClient, shelf: Market, database: Database, marketplace_id: str
) -> None:
    assert await browse(client, database, shelf.headers["u1"]) == ["p1", "p2", "p3"]
    assert await browse(client, database, shelf.headers["u2"]) == ["p1", "p2", "p3"]
    assert [total for _, _, total in await views(database, marketplace_id)] == [3]
    assert await browse(client, database, shelf.headers["u3"]) == ["p1", "p2"]  # no group: another party
    assert await browse(client, database, shelf.headers["u1"], catalogID="c") == ["p3"]  # another narrowing
    assert sorted(total for _, _, total in await views(database, marketplace_id)) == [1, 2, 3]
    # A view of nothing is not stored: any text can be a catalogID.
    for nowhere in ("nope", "nowhere", "b1-not"):
        assert await browse(client, database, shelf.headers["u1"], catalogID=nowhere) == []
        assert await browse(client, database, shelf.headers["u1"], catalogID=nowhere) == []
    assert len(await views(database, marketplace_id)) == 3
    # Read through the views now, and still right.
    assert await browse(client, database, shelf.headers["u2"]) == ["p1", "p2", "p3"]
    assert await browse(client, database, shelf.headers["u3"]) == ["p1", "p2"]


async def test_a_write_makes_a_new_view_and_retires_the_old_after_the_grace(
    client: httpx.AsyncClient, shelf: Market, database: Database, marketplace_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    u3 = shelf.headers["u3"]
    assert await browse(client, database, u3) == ["p1", "p2"]
    await shelf.patch_product("p1", Name="z-last")  # moves the catalog version (and the order)
    assert await browse(client, database, u3) == ["p2", "p1"]
    assert len(await views(database, marketplace_id)) == 2  # the old one is still within its grace
    monkeypatch.setattr(shopper_views, "GRACE", timedelta(0))
    await shelf.patch_product("p2", Active=False)
    assert await browse(client, database, u3) == ["p1"]
    async with database.transaction(write=False) as connection:
        current = (
            await connection.execute(select(marketplaces.c.catalog_version).where(marketplaces.c.id == marketplace_id))
        ).scalar_one()
    assert [(version, total) for _, version, total in await views(database, marketplace_id)] == [(current, 1)]
    async with database.transaction(write=False) as connection:
        rows = select(func.count()).where(shopper_view_products.c.marketplace_id == marketplace_id)
        assert (await connection.execute(rows)).scalar_one() == 1  # the dropped views' rows went with them


async def test_builders_of_one_view_at_once_build_it_once(
    shelf: Market, database: Database, marketplace_id: str
) -> None:
    async with database.transaction(write=False) as connection:
        uid = (
            await connection.execute(
                select(users.c.uid).where(users.c.marketplace_id == marketplace_id, users.c.id == "u1")
            )
        ).scalar_one()
    caller = Caller(marketplace_id, uid, "u1", "u1", UserType.BUYER, "b1", "client", frozenset(), "token")

    async def build() -> str:
        async with database.transaction() as connection:
            return (await shopper_views.build(connection, caller, None, RANKING))[0]

    built = await asyncio.gather(*(build() for _ in range(6)))
    assert len(set(built)) == 1
    assert [(vid, total) for vid, _, total in await views(database, marketplace_id)] == [(built[0], 3)]
    async with database.transaction(write=False) as connection:
        v = shopper_view_products.c
        ordinals = select(v.ordinal).where(v.marketplace_id == marketplace_id).order_by(v.ordinal)
        assert list((await connection.execute(ordinals)).scalars()) == [1, 2, 3]


async def test_a_list_counted_by_one_process_is_not_counted_again_by_another(
    client: httpx.AsyncClient, shelf: Market, database: Database, marketplace_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shopper_views, "SHARE_AFTER", 0.0)  # keep even this cheap count
    u1 = shelf.headers["u1"]
    await browse(client, database, u1)  # builds the view
    assert await browse(client, database, u1, ID="p1|p3") == ["p1", "p3"]  # counted, and kept with the view
    async with database.transaction(write=False) as connection:
        kept = select(func.count()).where(shopper_view_lists.c.marketplace_id == marketplace_id)
        assert (await connection.execute(kept)).scalar_one() >= 1

    async def not_again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("counted again")

    monkeypatch.setattr(browse_cache, "_caches", PerEngine(browse_cache.BrowseCache))  # another process: no memory
    monkeypatch.setattr(me_products_service, "product_facets", not_again)
    response = await client.get(URL, params={"ID": "p1|p3", "pageSize": "1"}, headers=u1)
    assert response.status_code == 200, response.text
    assert [item["ID"] for item in response.json()["Items"]] == ["p1"]
    assert response.json()["Meta"]["TotalCount"] == 2
