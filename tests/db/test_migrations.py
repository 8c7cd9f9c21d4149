"""The migrations build exactly the schema the table modules describe (no revision forgotten)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from mercato.db.engine import Database
from mercato.db.migrate import current_revision, head_revision
from mercato.db.tables import metadata


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
