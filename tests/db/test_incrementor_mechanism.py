"""Incrementor numbers are handed out atomically: concurrent transactions never share one, and since a
failed transaction gives its number back, the numbers of the ones that commit have no gaps."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import insert, select

from mercato.db.engine import Database
from mercato.db.tables import incrementors
from mercato.errors import NotFound, ValidationFailure
from mercato.ids import next_number, resolve_id

CONCURRENT = 200


class Abandon(Exception):
    pass


async def _make_incrementor(database: Database, marketplace_id: str, incrementor_id: str, padding: int = 0) -> None:
    async with database.transaction() as connection:
        await connection.execute(
            insert(incrementors).values(
                marketplace_id=marketplace_id, id=incrementor_id, name=None, last_number=0, left_padding_count=padding
            )
        )


async def test_concurrent_allocations_are_unique_and_gapless(database: Database, marketplace_id: str) -> None:
    await _make_incrementor(database, marketplace_id, "orders")

    async def allocate() -> int:
        async with database.transaction() as connection:
            return int(await next_number(connection, marketplace_id, "orders"))

    numbers = await asyncio.gather(*(allocate() for _ in range(CONCURRENT)))
    assert sorted(numbers) == list(range(1, CONCURRENT + 1))


async def test_a_failed_transaction_gives_its_number_back(database: Database, marketplace_id: str) -> None:
    await _make_incrementor(database, marketplace_id, "po")

    async def allocate(index: int) -> int | None:
        try:
            async with database.transaction() as connection:
                number = int(await next_number(connection, marketplace_id, "po"))
                if index % 5 == 0:
                    raise Abandon
                return number
        except Abandon:
            return None

    results = await asyncio.gather(*(allocate(i) for i in range(CONCURRENT)))
    committed = sorted(n for n in results if n is not None)
    assert committed == list(range(1, len(committed) + 1))
    assert len(committed) == CONCURRENT - CONCURRENT // 5
    async with database.transaction(write=False) as connection:
        last = await connection.scalar(
            select(incrementors.c.last_number).where(
                incrementors.c.marketplace_id == marketplace_id, incrementors.c.id == "po"
            )
        )
    assert last == len(committed)


async def test_placeholders_are_filled_with_padding_and_text_kept(database: Database, marketplace_id: str) -> None:
    await _make_incrementor(database, marketplace_id, "inv", padding=5)
    await _make_incrementor(database, marketplace_id, "b")
    async with database.transaction() as connection:
        assert await resolve_id(connection, marketplace_id, "INV-{inv}-X") == "INV-00001-X"
        assert await resolve_id(connection, marketplace_id, "{inv}{b}{inv}") == "00002100003"
        assert await resolve_id(connection, marketplace_id, "plain") == "plain"
        assert len(await resolve_id(connection, marketplace_id, None)) == 22


async def test_padding_is_a_minimum_width(database: Database, marketplace_id: str) -> None:
    async with database.transaction() as connection:
        await connection.execute(
            insert(incrementors).values(
                marketplace_id=marketplace_id, id="small", name=None, last_number=12345, left_padding_count=2
            )
        )
        assert await resolve_id(connection, marketplace_id, "{small}") == "12346"


async def test_unknown_incrementor_and_bad_templates(database: Database, marketplace_id: str) -> None:
    async with database.transaction() as connection:
        with pytest.raises(NotFound) as missing:
            await resolve_id(connection, marketplace_id, "x-{nope}")
        assert missing.value.errors[0].Data == {"ObjectType": "Incrementor", "ObjectID": "nope"}
        with pytest.raises(ValidationFailure):
            await resolve_id(connection, marketplace_id, "x-{nope")


async def test_incrementors_are_per_marketplace(database: Database, marketplace_id: str) -> None:
    await _make_incrementor(database, marketplace_id, "shared")
    async with database.transaction() as connection:
        with pytest.raises(NotFound):
            await resolve_id(connection, "some-other-marketplace", "{shared}")
