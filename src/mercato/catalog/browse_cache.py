"""The count, facets and pages of a shopper's product list, remembered per process under the catalog version.

A ``/me/products`` page is cheap (20 rows); its ``Meta.TotalCount`` and ``Meta.Facets`` are not: both walk every
product the shopper sees (docs/decisions/0025 measured them as two of the list's three walks). They depend only
on what the shopper sees and on the list's search, filters and catalog/category, never on the page or the sort,
so they are remembered under the shopper's **view** (mercato.catalog.shopper_views: its ID names the catalog
version, read from the database on every call, so a write to anything a shopper sees is in the next answer on
every worker, and the party: buyer, groups, catalog) and the query minus page, size and sort.

A page is cheap to read through a view in the default order (a key range), not when a search or filter matches
few of the products seen, which the page must then walk to find: so each page is remembered too, as the IDs of
its products under the same key plus page, size and sort. Only the IDs: the rows are read again (by key) and
priced on every call, so a price that changes without moving the version still shows at once.

Lists filtered on stock (``Inventory.*``) are not kept: a submission's stock decrement does not move the version.
One cache per database engine (a process may serve several databases, as the tests do), least recently used
entries dropped beyond CAPACITY.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.catalog.facets import ListFacet
from mercato.db.process_memory import Lru, PerEngine
from mercato.listing import ListQuery

CAPACITY = 4096
_SCOPE_PARAMETERS = ("catalogID", "categoryID", "depth")


@dataclass(frozen=True, slots=True)
class Counted:
    """A list's ``Meta.TotalCount`` and ``Meta.Facets``."""

    total: int
    facets: list[ListFacet]


@dataclass(frozen=True, slots=True)
class Paged:
    """One page of a list: the IDs of its products, in order (the rows themselves are read again each time)."""

    ids: tuple[str, ...]


class BrowseCache:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self._entries: Lru[Hashable, Counted | Paged] = Lru(capacity)

    def counted(self, key: Hashable) -> Counted | None:
        found = self._entries.get(key)
        return found if isinstance(found, Counted) else None

    def paged(self, key: Hashable) -> Paged | None:
        found = self._entries.get(key)
        return found if isinstance(found, Paged) else None

    def put(self, key: Hashable, value: Counted | Paged) -> None:
        self._entries.put(key, value)


_caches = PerEngine(BrowseCache)


def cache_of(connection: AsyncConnection) -> BrowseCache:
    return _caches.of(connection)


def list_key(view_id: str, query: ListQuery) -> str | None:
    """The key of this list's count and facets in the shopper's view (mercato.catalog.shopper_views: its ID
    names the marketplace, catalog version, buyer, groups and catalog): 40 hex digits, the same in every process
    (the query's parts have value reprs), so the database can keep it too. None when neither they nor its pages
    may be kept: a filter on stock, which a submission changes without moving the version (stock fields do not
    sort)."""
    if any(_on_stock(target) for f in query.filters for target in f.targets):
        return None
    scope = tuple(query.parameters.get(name) for name in _SCOPE_PARAMETERS)
    text = repr((view_id, scope, query.search, query.filters))
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def page_key(key: Hashable, query: ListQuery) -> Hashable:
    """The key of one page of the list whose count and facets are under ``key``."""
    return ("page", key, query.page, query.page_size, query.sort)


def _on_stock(target: Any) -> bool:
    column = getattr(target.field, "column", None)
    return column is not None and str(getattr(column, "name", "")).startswith("inventory_")
