from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

import pytest
from sqlalchemy import insert, select

from mercato.db.engine import Database
from mercato.listing import ListQuery, Meta, fetch_page, parse_list_query
from tests.listing.widgets import ROWS, SPEC, metadata, widgets

Lister = Callable[[str], Awaitable[tuple[list[str], Meta]]]


async def widget_table_ready(database: Database) -> None:
    async with database.transaction() as connection:
        await connection.run_sync(metadata.create_all)


@pytest.fixture(scope="session")
async def widget_scope(database: Database) -> str:
    scope = uuid.uuid4().hex[:12]
    await widget_table_ready(database)
    async with database.transaction() as connection:
        await connection.execute(insert(widgets), [{"marketplace_id": scope, **row} for row in ROWS])
    return scope


def parse(query_string: str) -> ListQuery:
    return parse_list_query(parse_qsl(query_string, keep_blank_values=True), SPEC)


@pytest.fixture
def list_widgets(database: Database, widget_scope: str) -> Lister:
    async def run(query_string: str) -> tuple[list[str], Meta]:
        query = parse(query_string)
        base = select(widgets.c.id).where(widgets.c.marketplace_id == widget_scope)
        async with database.transaction(write=False) as connection:
            page = await fetch_page(connection, base, SPEC, query)
        return [row.id for row in page.rows], page.meta

    return run
