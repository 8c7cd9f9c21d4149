"""Catalog, category and price-schedule rows inserted directly, for tests of what only reads them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from mercato.db.engine import Database
from mercato.db.tables import (
    catalog_assignments,
    catalog_products,
    catalogs,
    categories,
    category_products,
    price_schedules,
)


async def _insert(database: Database, table: Any, **values: Any) -> None:
    async with database.transaction() as connection:
        await connection.execute(insert(table).values(**values))


async def catalog(database: Database, marketplace_id: str, catalog_id: str, *, buyers: tuple[str, ...] = ()) -> str:
    await _insert(database, catalogs, marketplace_id=marketplace_id, id=catalog_id, name=catalog_id, active=True)
    for buyer_id in buyers:
        await _insert(
            database,
            catalog_assignments,
            marketplace_id=marketplace_id,
            catalog_id=catalog_id,
            buyer_id=buyer_id,
            view_all_categories=True,
            view_all_products=True,
        )
    return catalog_id


async def in_catalog(database: Database, marketplace_id: str, catalog_id: str, *product_ids: str) -> None:
    for product_id in product_ids:
        await _insert(
            database, catalog_products, marketplace_id=marketplace_id, catalog_id=catalog_id, product_id=product_id
        )


async def category(
    database: Database, marketplace_id: str, catalog_id: str, category_id: str, *product_ids: str
) -> str:
    await _insert(
        database,
        categories,
        marketplace_id=marketplace_id,
        catalog_id=catalog_id,
        id=category_id,
        name=category_id,
        active=True,
    )
    for product_id in product_ids:
        await _insert(
            database,
            category_products,
            marketplace_id=marketplace_id,
            catalog_id=catalog_id,
            category_id=category_id,
            product_id=product_id,
        )
    return category_id


async def price_schedule(database: Database, marketplace_id: str, schedule_id: str) -> str:
    await _insert(
        database,
        price_schedules,
        marketplace_id=marketplace_id,
        id=schedule_id,
        name=schedule_id,
        apply_tax=False,
        apply_shipping=False,
        use_cumulative_quantity=False,
        restricted_quantity=False,
        price_breaks=[{"Quantity": 1, "Price": 10}],
    )
    return schedule_id
