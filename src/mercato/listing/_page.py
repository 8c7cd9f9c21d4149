"""Running a list query and wrapping the rows in OrderCloud's ``{"Meta": …, "Items": […]}`` envelope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import msgspec
from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.listing._compile import order_by, where_clauses
from mercato.listing._query import ListQuery
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


async def fetch_page(
    connection: AsyncConnection,
    base: Select[Any],
    spec: ListSpec,
    query: ListQuery,
    parameters: Mapping[str, Any] | None = None,
    total: int | None = None,
) -> RowPage:
    """``base`` is the resource's scoped SELECT (tenant, parent, visibility); the query adds filters, order, page.
    ``parameters`` are values for named bound parameters of ``base`` (see mercato.catalog.visibility.BOUND_PARTY).
    ``total``, when the caller has counted the filtered rows already (a facet query does), spares counting them."""
    filtered = base.where(*where_clauses(spec, query))
    page = filtered.order_by(*order_by(spec, query)).limit(query.page_size).offset(query.offset)
    rows = (await connection.execute(page, parameters)).all()
    if total is None and query.page == 1 and len(rows) < query.page_size:
        total = len(rows)  # the whole result is on this page: no need to count
    if total is None:
        counted = select(func.count()).select_from(filtered.order_by(None).subquery())
        total = int((await connection.execute(counted, parameters)).scalar_one())
    return RowPage(rows, page_meta(query, total, len(rows)))
