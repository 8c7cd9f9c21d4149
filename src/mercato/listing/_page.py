"""Running a list query and wrapping the rows in OrderCloud's ``{"Meta": …, "Items": […]}`` envelope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.listing._compile import order_by, where_clauses
from mercato.listing._query import ListQuery, parse_list_query
from mercato.listing._spec import ListSpec

T = TypeVar("T")


class Meta(msgspec.Struct, frozen=True):
    Page: int
    PageSize: int
    TotalCount: int
    TotalPages: int
    ItemRange: list[int]
    NextPageKey: str | None = None


class ListPage(msgspec.Struct, Generic[T], frozen=True):
    Items: list[T]
    Meta: Meta


@dataclass(frozen=True, slots=True)
class RowPage:
    rows: Sequence[Row[Any]]
    meta: Meta


def page_meta(query: ListQuery, total: int, shown: int) -> Meta:
    first = query.offset + 1
    return Meta(
        Page=query.page,
        PageSize=query.page_size,
        TotalCount=total,
        TotalPages=-(-total // query.page_size),
        ItemRange=[first, first + shown - 1] if shown else [1, 0],
    )


def default_order(spec: ListSpec) -> list[ColumnElement[Any]]:
    """The ORDER BY of a list that names no ``sortBy`` (what a read model ranks its rows by)."""
    return order_by(spec, parse_list_query([], spec))


def sorted_by_default(spec: ListSpec, query: ListQuery) -> bool:
    return query.sort == parse_list_query([], spec).sort


async def fetch_page(
    connection: AsyncConnection,
    base: Select[Any],
    spec: ListSpec,
    query: ListQuery,
    parameters: Mapping[str, Any] | None = None,
    total: int | None = None,
    *,
    rank: ColumnElement[int] | None = None,
    dense: bool = False,
) -> RowPage:
    """``base`` is the resource's scoped SELECT (tenant, parent, visibility); the query adds filters, order, page.
    ``parameters`` are values for named bound parameters of ``base`` (see mercato.catalog.visibility.BOUND_PARTY).
    ``total``, when the caller has counted the filtered rows already (a facet query does), spares counting them.
    ``rank``: a column of ``base`` ranking its rows in the query's order (a read model that keeps them ranked, see
    mercato.catalog.shopper_views): the rows are read in rank order. ``dense`` says that ``base``'s rows are
    ranked 1, 2, … without gaps: when no filter or search narrows them either, the page is then the key range
    after the offset, so a deep page costs what the first does."""
    filtered = base.where(*where_clauses(spec, query))
    if rank is None:
        page = filtered.order_by(*order_by(spec, query)).limit(query.page_size).offset(query.offset)
    elif dense and not query.filters and query.search is None:
        page = filtered.where(rank > query.offset).order_by(rank).limit(query.page_size)
    else:
        page = filtered.order_by(rank).limit(query.page_size).offset(query.offset)
    rows = (await connection.execute(page, parameters)).all()
    if total is None and query.page == 1 and len(rows) < query.page_size:
        total = len(rows)  # the whole result is on this page: no need to count
    if total is None:
        counted = select(func.count()).select_from(filtered.order_by(None).subquery())
        total = int((await connection.execute(counted, parameters)).scalar_one())
    return RowPage(rows, page_meta(query, total, len(rows)))
