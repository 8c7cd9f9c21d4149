"""The count and facets of a shopper's product list, remembered per process under the catalog version.

A ``/me/products`` page is cheap (20 rows); its ``Meta.TotalCount`` and ``Meta.Facets`` are not: both walk every
product the shopper sees (docs/decisions/0025 measured them as two of the list's three walks). They depend only
on what the shopper sees and on the list's search, filters and catalog/category, never on the page or the sort,
so they are remembered under:

* the marketplace's **catalog version** (mercato.db.catalog_version), read from the database on every call, so a
  write to anything a shopper sees is in the next answer on every worker (read-your-writes), and
* the **shopper** (buyer and user: group membership is in the version) and the query minus page, size and sort.

Lists filtered on stock (``Inventory.*``) are not kept: a submission's stock decrement does not move the version.
One cache per database engine (a process may serve several databases, as the tests do), least recently used
entries dropped beyond CAPACITY.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, bindparam, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog.facets import ListFacet
from mercato.context import RequestContext
from mercato.db.tables import marketplaces
from mercato.listing import ListQuery

CAPACITY = 4096
_VERSION = select(marketplaces.c.catalog_version).where(marketplaces.c.id == bindparam("version_of", type_=String()))
_SCOPE_PARAMETERS = ("catalogID", "categoryID", "depth")


@dataclass(frozen=True, slots=True)
class Counted:
    total: int
    facets: list[ListFacet]


class BrowseCache:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._entries: OrderedDict[Hashable, Counted] = OrderedDict()
        self._capacity = capacity

    def get(self, key: Hashable) -> Counted | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: Hashable, counted: Counted) -> None:
        self._entries[key] = counted
        self._entries.move_to_end(key)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)


_caches: weakref.WeakKeyDictionary[Engine, BrowseCache] = weakref.WeakKeyDictionary()


def cache_of(connection: AsyncConnection) -> BrowseCache:
    engine = connection.engine.sync_engine
    cache = _caches.get(engine)
    if cache is None:
        cache = _caches[engine] = BrowseCache()
    return cache


async def list_key(ctx: RequestContext, query: ListQuery) -> Hashable | None:
    """The key of this list's count and facets now (one query: the catalog version), or None when it must not be
    kept (stock filters, or a value that cannot be hashed)."""
    if any(_on_stock(target) for f in query.filters for target in f.targets):
        return None
    version = (await ctx.connection.execute(_VERSION, {"version_of": ctx.marketplace_id})).scalar()
    scope = tuple(query.parameters.get(name) for name in _SCOPE_PARAMETERS)
    key = (ctx.marketplace_id, version, ctx.caller.company_id, ctx.caller.uid, scope, query.search, query.filters)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _on_stock(target: Any) -> bool:
    column = getattr(target.field, "column", None)
    return column is not None and str(getattr(column, "name", "")).startswith("inventory_")
