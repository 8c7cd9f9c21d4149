"""What a server process remembers beside its database: bounded least-recently-used maps, kept per database.

A process may serve several databases (the tests do), so each remembered thing is kept per database engine and
found from a connection; an engine that is gone takes its memory with it.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class Lru(Generic[K, V]):
    """A map of at most ``capacity`` entries; the least recently used goes first."""

    def __init__(self, capacity: int) -> None:
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._capacity = capacity

    def get(self, key: K) -> V | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)


class PerEngine(Generic[T]):
    """One ``T`` per database engine, made by ``factory`` the first time a connection to it asks."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._made: weakref.WeakKeyDictionary[Engine, T] = weakref.WeakKeyDictionary()

    def of(self, connection: AsyncConnection) -> T:
        engine = connection.engine.sync_engine
        found = self._made.get(engine)
        if found is None:
            found = self._made[engine] = self._factory()
        return found
