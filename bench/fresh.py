"""A new, empty database of the same kind as the run's: a new SQLite file, or a new database on the run's
PostgreSQL server (dropped afterwards), so a figure that needs an empty database never sees another's rows."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from mercato.db.engine import Database


@contextlib.contextmanager
def fresh_database(like: str, directory: str) -> Iterator[str]:
    name = f"mercato_bench_{uuid.uuid4().hex[:10]}"
    if not like.startswith("postgresql"):
        yield f"sqlite+aiosqlite:///{Path(directory) / name}.db"
        return
    server = make_url(like)
    asyncio.run(_autocommit(server, f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_autocommit(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _autocommit(server: URL, statement: str) -> None:
    """CREATE and DROP DATABASE run outside a transaction, from the server's maintenance database."""
    database = Database(server.set(database="postgres").render_as_string(hide_password=False))
    try:
        async with database.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql(statement)
    finally:
        await database.dispose()
