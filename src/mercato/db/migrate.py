"""Apply Alembic migrations programmatically (on ``mercato serve`` start and by ``mercato init``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from mercato.db.engine import Database


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "mercato:migrations")
    return config


async def migrate(database: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; a no-op when it is there already."""
    async with database.engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def current_revision(database: Database) -> str | None:
    async with database.engine.connect() as connection:
        return await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
