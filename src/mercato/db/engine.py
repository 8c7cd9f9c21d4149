"""The async engine for either database and the one way to open a transaction on it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from mercato.db import (
    catalog_version,
    sqlite_driver,  # noqa: F401 - registers the sqlite+mercato dialect
)
from mercato.db.dialect import begin_statement, configure_sqlite_connection


def _json_serialize(value: Any) -> str:
    return msgspec.json.encode(value).decode()


class Database:
    """Owns the engine. ``transaction(write=...)`` is the unit of work: commit on success, rollback on error; a
    write transaction that changed what shoppers see also moves the catalog version (mercato.db.catalog_version)."""

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        if url.startswith("sqlite+aiosqlite:"):
            url = "sqlite+mercato:" + url.removeprefix("sqlite+aiosqlite:")  # one thread hop per statement
        options: dict[str, Any] = {
            "echo": echo,
            "json_serializer": _json_serialize,
            "json_deserializer": msgspec.json.decode,
        }
        if url.startswith("sqlite"):
            if ":memory:" in url or url.rstrip("/").endswith(":"):
                options["poolclass"] = StaticPool  # one shared connection, or each would see its own empty database
            else:
                options["pool_size"] = pool_size
        else:
            options["pool_size"] = pool_size
            options["max_overflow"] = pool_size
            options["pool_pre_ping"] = False
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url, **options)
        self.dialect_name = self.engine.dialect.name
        self._writers: asyncio.Lock | None = None
        self._background: set[asyncio.Task[None]] = set()
        catalog_version.watch(self.engine.sync_engine)
        if self.dialect_name == "sqlite":
            # SQLite takes one writer at a time (BEGIN IMMEDIATE). Left to its busy handler, waiting writers poll
            # with growing sleeps and the unlucky wait for seconds; queueing them here, first come first served,
            # keeps the tail short. (Several server processes still meet at the busy handler.)
            self._writers = asyncio.Lock()
            event.listen(self.engine.sync_engine, "connect", _on_sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _on_sqlite_begin)
            self._reader = self.engine  # reads send no BEGIN (see _on_sqlite_begin): each statement autocommits
        else:
            self._reader = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @asynccontextmanager
    async def transaction(self, *, write: bool = True) -> AsyncIterator[AsyncConnection]:
        """A write transaction (commit on success, rollback on error), or for ``write=False`` a read-only
        connection without BEGIN/COMMIT: at READ COMMITTED each statement sees its own snapshot anyway, and
        each round trip saved is most of a small request's cost."""
        if not write:
            async with self._reader.connect() as connection:
                await connection.execution_options(mercato_write=False)
                yield connection
            return
        async with self._writer_turn(), self.engine.connect() as connection:
            await connection.execution_options(mercato_write=True)
            catalog_version.begin(connection)
            async with connection.begin():
                yield connection
                await catalog_version.bump(connection)  # last, so the marketplace row is locked only for COMMIT

    @asynccontextmanager
    async def _writer_turn(self) -> AsyncIterator[None]:
        if self._writers is None:
            yield
            return
        async with self._writers:
            yield

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` beside the current request (it opens its own transactions): for work a request starts
        but must not wait for, or hold its own connection through, such as building a read model. A failure is
        logged, never raised; ``dispose`` cancels what is still running."""
        task = asyncio.get_running_loop().create_task(_logged(work))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def settle(self) -> None:
        """Wait for the work ``spawn`` started (tests, and ``dispose``)."""
        while self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def dispose(self) -> None:
        for task in self._background:
            task.cancel()
        await self.settle()
        await self.engine.dispose()


async def _logged(work: Coroutine[Any, Any, None]) -> None:
    try:
        await work
    except asyncio.CancelledError:
        raise
    except Exception:
        logging.getLogger("mercato.db").exception("background work failed")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    configure_sqlite_connection(dbapi_connection)


def _on_sqlite_begin(connection: Connection) -> None:
    write = bool(connection.get_execution_options().get("mercato_write", True))
    if write:
        connection.exec_driver_sql(begin_statement("sqlite"))
