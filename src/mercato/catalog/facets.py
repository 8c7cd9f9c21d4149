"""Product facets: ``Meta.Facets`` of a product list (``GET /products``, ``GET /me/products``) and the
``ListPageWithFacets`` envelope that carries them (SEMANTICS.md §4.3, docs/decisions/0015).

Each ProductFacet names a path inside product xp (``XpPath``, relative to xp: ``Facets.Color`` is
``xp.Facets.Color``). For the product rows of a list, every facet reports the distinct values found at its path
with the number of products holding each:

* strings, numbers and booleans count (booleans as ``true``/``false``); for an array, each primitive element
  counts, and a product counts once per value however often the value recurs in its array; objects and nulls
  never count;
* values are grouped case-insensitively, as filters compare (``xp.Color=red`` also finds "Red"), so a Count is
  the number of products that filtering on that Value would return; the shown spelling is the lowest of those
  grouped (by code point);
* values below the facet's MinCount are left out; MinCount 0 adds, with Count 0, values found in the list's
  ``universe`` (its rows before search and filters) but not in its result;
* values are ordered by Count, highest first, then by value; at most MAX_VALUES per facet;
* at most MAX_FACETS facets, ordered by ListOrder then ID; a facet with no values is still listed.

Everything is counted in one query (a UNION ALL of one branch per facet over a CTE of the rows, each parsing a
product's xp once), plus one to read the facets, plus one over the universe only when some facet has MinCount 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from sqlalchemy import Select, String, case, distinct, func, literal, literal_column, select, true, union_all
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from mercato.db.dialect import json_values
from mercato.db.tables import product_facets as facet_table
from mercato.listing import ListPage, Meta

T = TypeVar("T")

MAX_FACETS = 50
MAX_VALUES = 100
TOTAL = -1
"""The pseudo-facet under which ``_count`` counts the rows themselves."""


class ListFacetValue(msgspec.Struct, frozen=True):
    Value: str
    Count: int


class ListFacet(msgspec.Struct, frozen=True):
    Name: str
    XpPath: str
    Values: list[ListFacetValue]
    xp: dict[str, Any] | None = None


class MetaWithFacets(msgspec.Struct, frozen=True):
    """``Meta`` plus ``Facets`` (openapi.json MetaWithFacets)."""

    Facets: list[ListFacet]
    Page: int
    PageSize: int
    TotalCount: int
    TotalPages: int
    ItemRange: list[int]
    NextPageKey: str | None = None


@dataclass(frozen=True, slots=True)
class Faceted:
    """What ``product_facets`` found: the facets, and the number of products when it counted them (None when the
    marketplace has no facets, so that no query ran)."""

    facets: list[ListFacet]
    total: int | None


class ListPageWithFacets(msgspec.Struct, Generic[T], frozen=True):
    Items: list[T]
    Meta: MetaWithFacets


def with_facets(page: ListPage[T], facets: list[ListFacet]) -> ListPageWithFacets[T]:
    """A list page with ``Meta.Facets`` added."""
    meta: Meta = page.Meta
    return ListPageWithFacets(
        Items=page.Items,
        Meta=MetaWithFacets(
            Facets=facets,
            Page=meta.Page,
            PageSize=meta.PageSize,
            TotalCount=meta.TotalCount,
            TotalPages=meta.TotalPages,
            ItemRange=meta.ItemRange,
            NextPageKey=meta.NextPageKey,
        ),
    )


@dataclass(frozen=True, slots=True)
class _Facet:
    name: str
    xp_path: str
    min_count: int
    xp: dict[str, Any] | None

    @property
    def path(self) -> tuple[str, ...]:
        """The keys inside xp. XpPath is stored relative to xp; a row written with a leading ``xp.`` (directly,
        not through the API, which drops it) is read the same way."""
        return tuple(self.xp_path.removeprefix("xp.").split("."))


async def product_facets(
    connection: AsyncConnection,
    marketplace_id: str,
    products: Select[Any],
    *,
    universe: Select[Any] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> Faceted:
    """``Meta.Facets`` for a product list (none when the marketplace has no ProductFacets), and the number of
    ``products``, counted by the same query (so the list need not count them again), when it ran.

    ``products``: a SELECT of the list's product rows, narrowed by everything the list applies (visibility,
    catalog/category, search, filters) but not paged. Its columns must include the product's ``id`` and ``xp``
    (``select(products).where(...)`` does; with joins, select the product columns only). Its ORDER BY, LIMIT and
    OFFSET are ignored.
    ``universe``: the same list before search and filters (still visibility-bound: it must not reveal products the
    caller may not see). Used only for facets with MinCount 0, whose values found there but not in ``products``
    are listed with Count 0; without it such values are simply absent.
    ``parameters``: values of named bound parameters in ``products`` and ``universe``.
    """
    facets = await _facets(connection, marketplace_id)
    if not facets:
        return Faceted([], None)
    found = await _count(connection, products, facets, parameters, with_total=True)
    total = found.pop(TOTAL, [("", 0)])[0][1]
    zero = [index for index, facet in enumerate(facets) if facet.min_count == 0]
    if universe is not None and zero:
        everywhere = await _count(connection, universe, {i: facets[i] for i in zero}, parameters)
        for index in zero:
            present = {value.lower() for value, _ in found.get(index, [])}
            absent = sorted((v for v, _ in everywhere.get(index, []) if v.lower() not in present), key=_order)
            found[index] = [*found.get(index, []), *((value, 0) for value in absent)][:MAX_VALUES]
    listed = [
        ListFacet(
            Name=facet.name,
            XpPath=facet.xp_path,
            Values=[ListFacetValue(value, count) for value, count in found.get(index, [])],
            xp=facet.xp,
        )
        for index, facet in enumerate(facets)
    ]
    return Faceted(listed, total)


def _order(value: str) -> tuple[str, str]:
    return value.lower(), value


async def _facets(connection: AsyncConnection, marketplace_id: str) -> list[_Facet]:
    f = facet_table.c
    rows = await connection.execute(
        select(f.name, f.xp_path, f.min_count, f.xp)
        .where(f.marketplace_id == marketplace_id)
        .order_by(f.list_order, f.id)
        .limit(MAX_FACETS)
    )
    return [_Facet(row.name, row.xp_path, row.min_count, row.xp) for row in rows]


async def _count(
    connection: AsyncConnection,
    products: Select[Any],
    facets: Sequence[_Facet] | dict[int, _Facet],
    parameters: Mapping[str, Any] | None,
    *,
    with_total: bool = False,
) -> dict[int, list[tuple[str, int]]]:
    """Per facet index: (value, count) with count >= max(MinCount, 1), best first, at most MAX_VALUES; and, with
    ``with_total``, under TOTAL the one value "" counting every row (absent when there are none)."""
    chosen = facets if isinstance(facets, dict) else dict(enumerate(facets))
    rows = products.order_by(None).limit(None).offset(None).cte("facet_rows")
    branches: list[Select[Any]] = []
    if with_total:
        branches.append(
            select(_integer(TOTAL).label("facet"), rows.c.id.label("product_id"), literal("", String()).label("value"))
        )
    for index, facet in chosen.items():
        at = json_values(connection.dialect.name, rows.c.xp, facet.path)
        branches.append(
            select(_integer(index).label("facet"), rows.c.id.label("product_id"), at.text.label("value"))
            .select_from(rows.join(at.source, true()))
            .where(at.where)
        )
    found = union_all(*branches).subquery("facet_values")
    key = func.lower(found.c.value)
    count = func.count(distinct(found.c.product_id))
    minimum = case(
        *((found.c.facet == _integer(i), _integer(max(1, f.min_count))) for i, f in chosen.items()),
        else_=_integer(1),
    )
    rank: ColumnElement[int] = func.row_number().over(partition_by=found.c.facet, order_by=(count.desc(), key))
    grouped = (
        select(
            found.c.facet,
            func.min(found.c.value).label("value"),
            count.label("hits"),
            rank.label("rank"),
        )
        .group_by(found.c.facet, key)
        .having(count >= minimum)
        .subquery("facet_counts")
    )
    result = await connection.execute(
        select(grouped.c.facet, grouped.c.value, grouped.c.hits)
        .where(grouped.c.rank <= MAX_VALUES)
        .order_by(grouped.c.facet, grouped.c.rank),
        parameters,
    )
    counted: dict[int, list[tuple[str, int]]] = {}
    for row in result:
        counted.setdefault(int(row.facet), []).append((str(row.value), int(row.hits)))
    return counted


def _integer(value: int) -> ColumnElement[int]:
    """An integer of ours (a facet's position or MinCount) inlined: PostgreSQL cannot type a bare parameter in a
    UNION's select list. ``int()`` guarantees nothing else reaches the SQL text."""
    return literal_column(str(int(value)))
