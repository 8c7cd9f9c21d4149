"""Alembic environment: migrates the connection handed over by ``mercato.db.migrate`` or, from the alembic CLI,
the database named by MERCATO_DATABASE_URL."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from mercato.db.engine import Database
from mercato.db.tables import metadata
from mercato.settings import Settings

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_cli() -> None:
    database = Database(Settings.from_env().database_url)
    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(run_on)
    finally:
        await database.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run against a database.")

shared = config.attributes.get("connection")
if shared is not None:
    run_on(shared)
else:
    asyncio.run(run_from_cli())
