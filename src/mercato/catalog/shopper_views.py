"""Shopper views: what a party sees, ranked, so that a ``/me/products`` page costs O(page), not O(catalog).

The visibility rule (mercato.catalog.product_visibility) walks category trees and every product a shopper sees;
a list that must sort them pays that walk on every call. A shopper view is the walk's result, stored: the IDs of
the products the party sees, each with its ``ordinal`` in the list's default order (Name, then ID: the list
engine's own ORDER BY, ``listing.default_order``, so the two cannot disagree), as of one catalog version
(mercato.db.catalog_version). A page in the default order is then a range of ``(view_id, ordinal)`` joined to
``products`` by key: the first page and the hundredth cost the same, at any catalog size.

Identity. Visibility depends on the buyer and the user's groups, never on the user, so a view belongs to a
**party**: (marketplace, catalog version, buyer, the exact set of the user's groups, the ``catalogID`` narrowing).
Its ID is a hash of those: every user of the same groups shares it, and a new version means a new ID. The exact
group set, not each group, because the rule is not monotonic (an explicit ``false`` on a group hides what the
buyer level shows).

Read-your-writes. Each call reads the version from the database (one indexed row) and asks for the view of that
version; any write a shopper could notice moves the version in its own transaction, so the next call, on any
worker, asks for a view that does not exist yet. Until it does, the list walks the rule as before (always
correct) and the view is built **beside** the request (``Database.spawn``: its own write transaction, so a
request never holds two connections and never waits for the build). Builds of one view queue on its header row
(the primary key: ON CONFLICT waits for the first builder's commit, then does nothing).

A build reads the version before the rows (on PostgreSQL each statement sees its own snapshot): a view is never
labelled newer than its contents. Built views never change; older versions' views are deleted by later builds
once they are GRACE old (a request that read the old version a moment ago still finds its rows).

Costs. A build is one INSERT … SELECT over what the party sees; a catalog write therefore costs each browsing
party one walk, as before, once instead of per call. On SQLite the build holds the one writer's lock while it
runs. Lists sorted other than by default still sort what the party sees (read through the view, without the
walk); their counts and facets are remembered under the view (mercato.catalog.browse_cache).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, String, and_, bindparam, delete, func, insert, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.accounts.buyer_assignments import buyer_groups
from mercato.catalog.browse_cache import Counted
from mercato.catalog.facets import ListFacet
from mercato.catalog.product_visibility import visible
from mercato.catalog.visibility import Party
from mercato.context import Caller, RequestContext, UserType
from mercato.db import catalog_version
from mercato.db.dialect import insert_if_absent
from mercato.db.engine import Database
from mercato.db.process_memory import Lru, PerEngine
from mercato.db.tables import products, shopper_view_lists, shopper_view_products, shopper_views

GRACE = timedelta(seconds=60)
"""How long a superseded view outlives its version, for the requests that read that version a moment ago."""
SHARE_AFTER = 0.05
"""A list's count and facets are kept with the view for other processes only when counting them took this many
seconds: cheap counts are not worth a write, and a caller cannot fill the table with cheap distinct queries."""
CAPACITY = 4096
"""Views located per process (the party of a user at a version); least recently used forgotten beyond."""

v, h, p, lists = shopper_view_products.c, shopper_views.c, products.c, shopper_view_lists.c

_MARKETPLACE = bindparam("view_marketplace_id", type_=String())
_VIEW = bindparam("shopper_view_id", type_=String())
_GROUPS = buyer_groups(
    bindparam("group_marketplace_id", type_=String()),
    bindparam("group_buyer_id", type_=String()),
    bindparam("group_user_uid", type_=String()),
)
_TOTAL = select(h.total).where(h.marketplace_id == _MARKETPLACE, h.id == _VIEW)
_LIST = bindparam("view_list_key", type_=String())
_COUNTED = select(lists.total, lists.facets).where(
    lists.marketplace_id == _MARKETPLACE, lists.view_id == _VIEW, lists.list_key == _LIST
)


@dataclass(frozen=True, slots=True)
class ShopperView:
    marketplace_id: str
    id: str
    total: int | None
    """How many products the party sees; None while the view is not built."""

    @property
    def built(self) -> bool:
        return self.total is not None

    @property
    def parameters(self) -> dict[str, str]:
        """The values of the bound parameters of ``products_in``."""
        return {"view_marketplace_id": self.marketplace_id, "shopper_view_id": self.id}


def products_in(*columns: Any) -> Select[Any]:
    """SELECT ``columns`` of the products of the view bound by ShopperView.parameters, joined by key; its
    ``ordinal`` is ``RANK``."""
    joined = shopper_view_products.join(products, and_(p.marketplace_id == v.marketplace_id, p.id == v.product_id))
    return select(*columns).select_from(joined).where(v.marketplace_id == _MARKETPLACE, v.view_id == _VIEW)


RANK: ColumnElement[int] = v.ordinal
"""The rank of a product of ``products_in`` in the default order: 1, 2, … without gaps."""


def view_id(marketplace_id: str, version: int, buyer_id: str, group_ids: Sequence[str], catalog_id: str | None) -> str:
    """The party's view at that version: 40 hex digits (IDs hold no control characters, so the separator is safe)."""
    key = "\x1f".join((marketplace_id, str(version), buyer_id, ",".join(sorted(group_ids)), catalog_id or ""))
    return hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()


class _Views:
    """Per database engine: the views located (immutable once built), and the builds this process runs."""

    def __init__(self) -> None:
        self.located: Lru[Hashable, ShopperView] = Lru(CAPACITY)
        self.building: set[str] = set()


_views = PerEngine(_Views)


async def locate(ctx: RequestContext, catalog_id: str | None, ranking: Sequence[ColumnElement[Any]]) -> ShopperView:
    """The caller's view as of the catalog version now (a buyer user's), built or not; a missing one is built
    beside the request, its products ranked by ``ranking`` (the list's default ORDER BY)."""
    caller = ctx.caller
    assert caller.user_type is UserType.BUYER
    views = _views.of(ctx.connection)
    version = await catalog_version.current(ctx.connection, caller.marketplace_id) or 0
    key = (caller.marketplace_id, version, caller.uid, catalog_id)
    view = views.located.get(key)
    if view is not None and view.built:
        return view
    if view is None:
        groups = await _groups(ctx.connection, caller)
        vid = view_id(caller.marketplace_id, version, caller.company_id, groups, catalog_id)
        view = ShopperView(caller.marketplace_id, vid, None)
    total = (await ctx.connection.execute(_TOTAL, view.parameters)).scalar()
    view = ShopperView(view.marketplace_id, view.id, total)
    views.located.put(key, view)
    if not view.built and ctx.database is not None and view.id not in views.building:
        views.building.add(view.id)
        ctx.database.spawn(_build(ctx.database, views, key, view, caller, catalog_id, list(ranking)))
    return view


async def counted(ctx: RequestContext, view: ShopperView, list_key: str) -> Counted | None:
    """The count and facets of a list of the (built) view, when a process has kept them (``keep_counted``)."""
    if not view.total:
        return None  # an empty view is not stored (see build), nor are its lists
    row = (await ctx.connection.execute(_COUNTED, view.parameters | {"view_list_key": list_key})).first()
    if row is None:
        return None
    return Counted(row.total, msgspec.convert(row.facets, list[ListFacet]))


def keep_counted(ctx: RequestContext, view: ShopperView, list_key: str, found: Counted, cost: float) -> None:
    """Keep a list's count and facets with the (built) view for every process, beside the request, when counting
    them took ``cost`` seconds, SHARE_AFTER or more."""
    if ctx.database is not None and view.total and cost >= SHARE_AFTER:
        ctx.database.spawn(_keep_counted(ctx.database, view, list_key, found))


async def _keep_counted(database: Database, view: ShopperView, list_key: str, found: Counted) -> None:
    values = {
        "marketplace_id": view.marketplace_id,
        "view_id": view.id,
        "list_key": list_key,
        "total": found.total,
        "facets": msgspec.to_builtins(found.facets),
    }
    try:
        async with database.transaction() as connection:
            keys = ["marketplace_id", "view_id", "list_key"]
            await connection.execute(insert_if_absent(connection.dialect.name, shopper_view_lists, values, keys))
    except IntegrityError:
        # The view was retired meanwhile (its version is past): nothing to keep it for.
        logging.getLogger(__name__).debug("view %s retired before its list was kept", view.id)


async def _groups(connection: AsyncConnection, caller: Caller) -> list[str]:
    parameters = {
        "group_marketplace_id": caller.marketplace_id,
        "group_buyer_id": caller.company_id,
        "group_user_uid": caller.uid,
    }
    return list((await connection.execute(_GROUPS, parameters)).scalars())


async def _build(
    database: Database,
    views: _Views,
    key: Hashable,
    wanted: ShopperView,
    caller: Caller,
    catalog_id: str | None,
    ranking: list[ColumnElement[Any]],
) -> None:
    try:
        async with database.transaction() as connection:
            built, total = await build(connection, caller, catalog_id, ranking)
        if built == wanted.id and total == 0:
            views.located.put(key, ShopperView(wanted.marketplace_id, built, 0))  # empty: known here, stored nowhere
    finally:
        views.building.discard(wanted.id)


async def build(
    connection: AsyncConnection, caller: Caller, catalog_id: str | None, ranking: Sequence[ColumnElement[Any]]
) -> tuple[str, int | None]:
    """Build the caller's view as of the version now, in the given write transaction, unless it exists; drop
    views superseded GRACE ago. Returns the view's ID and, when this call built it, its count. A view of nothing
    (a ``catalogID`` the party cannot see, say) is not stored: any text can be a ``catalogID``, and a row per
    text would let a caller fill the table; the process that built it remembers it instead."""
    mid = caller.marketplace_id
    now = datetime.now(UTC)
    version = await catalog_version.current(connection, mid) or 0  # before the rows: never labelled newer
    groups = await _groups(connection, caller)
    vid = view_id(mid, version, caller.company_id, groups, catalog_id)
    header = {"marketplace_id": mid, "id": vid, "catalog_version": version, "built_at": now, "total": 0}
    claim = insert_if_absent(connection.dialect.name, shopper_views, header, ["marketplace_id", "id"])
    if (await connection.execute(claim.returning(h.id))).first() is None:
        return vid, None  # built by another request (PostgreSQL waited for its commit)
    party = Party(mid, caller.company_id, groups)
    ranked = select(
        literal(mid, String()), literal(vid, String()), func.row_number().over(order_by=list(ranking)), p.id
    ).where(visible(party, catalog_id, "view_visibility"))
    written = await connection.execute(
        insert(shopper_view_products).from_select(["marketplace_id", "view_id", "ordinal", "product_id"], ranked)
    )
    total = written.rowcount  # asyncpg reports an INSERT … SELECT's rows; the SQLite driver says -1
    if total < 0:
        counted = select(func.count()).where(v.marketplace_id == mid, v.view_id == vid)
        total = int((await connection.execute(counted)).scalar_one())
    this = and_(h.marketplace_id == mid, h.id == vid)
    if total == 0:
        await connection.execute(delete(shopper_views).where(this))
    else:
        await connection.execute(update(shopper_views).where(this).values(total=total))
    await connection.execute(
        delete(shopper_views).where(
            h.marketplace_id == mid, h.catalog_version != catalog_version.version_of(mid), h.built_at < now - GRACE
        )
    )
    return vid, total
