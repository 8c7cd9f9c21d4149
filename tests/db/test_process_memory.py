"""Process memory (mercato.db.process_memory): bounded LRU maps, one set per database engine."""

from __future__ import annotations

from mercato.db.engine import Database
from mercato.db.process_memory import Lru, PerEngine


def test_the_least_recently_used_entry_goes_first() -> None:
    lru: Lru[str, int] = Lru(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # now the most recently used
    lru.put("c", 3)
    assert (lru.get("a"), lru.get("b"), lru.get("c")) == (1, None, 3)
    lru.put("a", 10)
    assert lru.get("a") == 10


async def test_each_database_engine_has_its_own(database: Database, tmp_path: object) -> None:
    memory: PerEngine[dict[str, int]] = PerEngine(dict)
    other = Database(f"sqlite+aiosqlite:///{tmp_path}/other.db")
    try:
        async with database.transaction(write=False) as one, database.transaction(write=False) as two:
            assert memory.of(one) is memory.of(two)
        async with database.transaction(write=False) as one, other.transaction(write=False) as elsewhere:
            memory.of(one)["x"] = 1
            assert memory.of(elsewhere) == {}
    finally:
        await other.dispose()
