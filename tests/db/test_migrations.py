"""The migrations build exactly the schema the table modules describe (no revision forgotten)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from mercato.db.engine import Database
from mercato.db.migrate import current_revision, head_revision, migrate
from mercato.db.tables import incrementors, marketplaces, metadata


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def test_schema_matches_the_table_modules(database: Database) -> None:
    async with database.transaction(write=False) as connection:
        diff = await connection.run_sync(_diff)
    tests_only = {"test_widgets"}
    relevant = [d for d in diff if not (isinstance(d, tuple) and getattr(d[1], "name", None) in tests_only)]
    assert relevant == []


async def test_database_is_at_head(database: Database) -> None:
    assert await current_revision(database) == head_revision()


async def test_upgrading_keeps_every_row(tmp_path: Path) -> None:
    """Each revision after the first tables exist upgrades a database with data in place: a copy-and-rename
    migration of a parent table would cascade its DROP to every child row on SQLite."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/upgrade.db")
    try:
        await migrate(database, "0007")
        now = datetime.now(UTC)
        async with database.transaction() as connection:
            await connection.execute(insert(marketplaces).values(id="m", name="m", date_created=now))
            await connection.execute(
                insert(incrementors).values(marketplace_id="m", id="i", name="i", last_number=0, left_padding_count=0)
            )
        await migrate(database)
        async with database.transaction(write=False) as connection:
            assert (await connection.execute(select(func.count()).select_from(incrementors))).scalar() == 1
            version = (await connection.execute(select(marketplaces.c.catalog_version))).scalar()
        assert version == 0
    finally:
        await database.dispose()
