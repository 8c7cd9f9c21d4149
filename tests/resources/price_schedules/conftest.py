"""Products and product assignments that name a price schedule, inserted directly (the rules under test are the
price schedule's; how products are made is not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from mercato.db.engine import Database
from mercato.db.tables import product_assignments, products
from tests.fixtures.identity import Callers


@dataclass
class Catalog:
    database: Database
    callers: Callers

    @property
    def marketplace_id(self) -> str:
        return self.callers.marketplace_id

    async def product(self, product_id: str, default_price_schedule_id: str | None = None) -> None:
        async with self.database.transaction() as connection:
            await connection.execute(
                insert(products).values(
                    marketplace_id=self.marketplace_id,
                    id=product_id,
                    default_price_schedule_id=default_price_schedule_id,
                    auto_forward=False,
                    is_parent=False,
                    is_bundle=False,
                    name=product_id,
                    active=True,
                    inventory_enabled=False,
                    inventory_variant_level_tracking=False,
                    inventory_order_can_exceed=False,
                    all_suppliers_can_sell=False,
                    returnable=False,
                    date_created=datetime.now(UTC),
                )
            )

    async def assignment(self, product_id: str, price_schedule_id: str | None, buyer_id: str = "ps-buyer") -> None:
        await self.callers.buyer(buyer_id)
        async with self.database.transaction() as connection:
            await connection.execute(
                insert(product_assignments).values(
                    marketplace_id=self.marketplace_id,
                    product_id=product_id,
                    buyer_id=buyer_id,
                    user_group_id="",
                    price_schedule_id=price_schedule_id,
                )
            )

    async def default_schedule_of(self, product_id: str) -> str | None:
        async with self.database.transaction(write=False) as connection:
            return await connection.scalar(
                select(products.c.default_price_schedule_id).where(
                    products.c.marketplace_id == self.marketplace_id, products.c.id == product_id
                )
            )

    async def assigned_schedules(self) -> list[str | None]:
        async with self.database.transaction(write=False) as connection:
            rows = await connection.execute(
                select(product_assignments.c.price_schedule_id)
                .where(product_assignments.c.marketplace_id == self.marketplace_id)
                .order_by(product_assignments.c.product_id)
            )
            return [row.price_schedule_id for row in rows]


@pytest.fixture
def catalog(database: Database, callers: Callers) -> Catalog:
    return Catalog(database, callers)
