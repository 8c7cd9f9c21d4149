"""SQLAlchemy's aiosqlite adapter, with statements run on the event loop's thread: one thread hop per write
transaction instead of four per statement.

aiosqlite runs each call on the connection's own thread; SQLAlchemy's adapter makes four such calls for every
statement (create a cursor, execute, fetch the rows, close the cursor), and on a small machine each hop costs a
few hundred microseconds of wake-ups and queueing — more than the statement itself, which on SQLite's cached
pages takes microseconds (docs/decisions/0025-request-budget.md measures both). So statements, COMMIT and
ROLLBACK run inline on the loop's thread. The one call that may *wait* stays on the connection's thread:
``BEGIN IMMEDIATE``, which queues behind another process's writer for up to the busy timeout, and must not stall
every other request of this process meanwhile. Once it holds the write lock nothing else waits: in WAL mode
readers never block, and a writer's statements and COMMIT do not wait for readers. (Writers of one process
already queue on ``Database``'s lock before BEGIN.)

The sqlite3 connection is opened with ``check_same_thread=False`` so that both threads may use it; they never
do at once, since every call is awaited before the next. Everything else (pooling, transactions, type
handling, errors) is the stock dialect's. Registered as ``sqlite+mercato``; ``Database`` uses it for every
``sqlite+aiosqlite`` URL.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from threading import Thread
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

Result = tuple[Any, list[Any], int, int | None]


WAITS_FOR_LOCK = "BEGIN IMMEDIATE"
"""The statement that may wait for another process's writer: the only one sent to the connection's thread."""


def _run(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Result:
    """Execute, fetch everything, close."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        else:
            cursor.execute(operation, parameters if parameters is not None else ())
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, rows, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


async def _inline(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Result:
    """``_run`` right here. Awaited rather than called because SQLAlchemy's async engine insists that each
    execution awaits something; a coroutine that finishes at once costs a greenlet switch, no trip through the
    event loop."""
    return _run(connection, operation, parameters, many)


class OneHopCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:  # no aiosqlite cursor: nothing to create on the thread
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid or 0

    def close(self) -> None:
        self._rows.clear()

    async def _async_soft_close(self) -> None:
        return None

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        return self._call(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        return self._call(operation, seq_of_parameters, many=True)

    def _call(self, operation: Any, parameters: Any, *, many: bool) -> Any:
        try:
            raw = self._connection._conn
            if operation == WAITS_FOR_LOCK:
                result: Result = await_(self._connection._execute(_run, raw, operation, parameters, many))
            else:
                result = await_(_inline(raw, operation, parameters, many))
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self._description, rows, self._rowcount, self._lastrowid = result
        self._rows = collections.deque(rows)
        return None


class OneHopConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()
    _cursor_cls = OneHopCursor

    def commit(self) -> None:
        if self._connection._connection:
            try:
                self._connection._conn.commit()
            except Exception as error:
                self._handle_exception(error)

    def rollback(self) -> None:
        if self._connection._connection:
            try:
                self._connection._conn.rollback()
            except Exception as error:
                self._handle_exception(error)


class OneHopDBAPI(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> OneHopConnection:
        creator_fn = kw.pop("async_creator_fn", None)
        kw["check_same_thread"] = False  # statements run on the loop's thread, BEGIN IMMEDIATE on aiosqlite's
        connection = creator_fn(*arg, **kw) if creator_fn else self.aiosqlite.connect(*arg, **kw)
        if not creator_fn:
            thread = connection if isinstance(connection, Thread) else connection._thread
            thread.daemon = True
        return OneHopConnection(self, await_(connection))


class MercatoSQLiteDialect(SQLiteDialect_aiosqlite):
    supports_statement_cache = True
    supports_server_side_cursors = False

    @classmethod
    def import_dbapi(cls) -> OneHopDBAPI:
        return OneHopDBAPI(__import__("aiosqlite"), __import__("sqlite3"))


registry.register("sqlite.mercato", "mercato.db.sqlite_driver", "MercatoSQLiteDialect")
