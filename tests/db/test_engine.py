from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from mercato.db.engine import Database
from mercato.db.migrate import migrate
from mercato.db.tables import marketplaces


async def test_sqlite_uses_the_one_hop_driver_and_keeps_dbapi_semantics(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/engine.db")
    try:
        assert database.engine.dialect.driver == "aiosqlite"
        assert type(database.engine.dialect).__name__ == "MercatoSQLiteDialect"
        await migrate(database)
        now = datetime.now(UTC)
        async with database.transaction() as connection:
            result = await connection.execute(insert(marketplaces).values(id="m", name="m", date_created=now))
            assert result.rowcount == 1
            rows = (await connection.execute(select(marketplaces.c.id, marketplaces.c.date_created))).all()
            assert [(r.id, r.date_created) for r in rows] == [("m", now)]
            executemany = await connection.execute(
                insert(marketplaces), [{"id": f"x{i}", "name": "x", "date_created": now} for i in range(3)]
            )
            assert executemany.rowcount == 3
        with pytest.raises(IntegrityError):
            async with database.transaction() as connection:
                await connection.execute(insert(marketplaces).values(id="m", name="again", date_created=now))
        with pytest.raises(OperationalError):
            async with database.transaction(write=False) as connection:
                await connection.execute(text("SELECT nope FROM nowhere"))
        async with database.transaction(write=False) as connection:
            assert await connection.scalar(select(marketplaces.c.name).where(marketplaces.c.id == "m")) == "m"
            assert await connection.scalar(text("SELECT lower('ÄÖÜ')")) == "äöü"
    finally:
        await database.dispose()
