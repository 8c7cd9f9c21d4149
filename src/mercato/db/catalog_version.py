"""The catalog version: one number per marketplace that changes whenever what its shoppers may see changes.

Caches of what a buyer user sees (``mercato.catalog.browse_cache``: the count and facets of a ``/me/products``
list) are keyed by it, so a cached answer is reused only while no write has touched the data it was computed
from, on every worker, because the number lives in the database (``marketplaces.catalog_version``).

How it moves: every INSERT, UPDATE or DELETE on one of ``SHOPPER_VISIBLE_TABLES`` marks its connection (an
``after_execute`` listener, so no write path can forget it), and the write transaction, just before it commits,
sets the marketplace's version to a new random number (``bump``). A random value rather than +1: it is unique
across databases and restarts too, so a process-wide cache can never mistake one database's version for
another's. The bump is in the same transaction as the write, so a reader sees both or neither
(read-your-writes on the next call); it comes last, so the marketplace row stays locked only for the commit.

Which marketplace: the guard names the request's (``tag_marketplace``); a transaction that names none (the CLI,
the bulk seed) moves every marketplace's version, which is always safe.

A statement may declare itself invisible to shoppers with the execution option ``CATALOG_NEUTRAL`` (the stock
decrement of an order's submission, which no product list caches); the cache does not keep lists that filter
on such columns (see browse_cache).
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import Connection, String, Table, bindparam, event, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.selectable import ScalarSelect

from mercato.db.tables import (
    buyers,
    catalog_assignments,
    catalog_products,
    catalogs,
    categories,
    category_assignments,
    category_products,
    marketplaces,
    product_assignments,
    product_facets,
    products,
    spec_products,
    user_group_assignments,
    user_groups,
    variants,
)

SHOPPER_VISIBLE_TABLES: frozenset[Table] = frozenset(
    {
        catalogs,
        catalog_assignments,
        catalog_products,
        categories,
        category_assignments,
        category_products,
        products,
        product_assignments,
        product_facets,
        spec_products,
        variants,
        buyers,
        user_groups,
        user_group_assignments,
    }
)
"""Every table a shopper's product list depends on: catalogs, categories and products and their assignments,
the spec assignments and variants (a list filters on SpecCount and VariantCount), the facet
definitions, and who belongs to which buyer and group (deleting a group cascades to its assignments without a
statement of its own, hence the group tables themselves)."""

CATALOG_NEUTRAL = "mercato_catalog_neutral"
_CHANGED = "mercato_catalog_changed"
_MARKETPLACE = "mercato_marketplace_id"


def version_of(marketplace_id: Any) -> ScalarSelect[Any]:
    """The marketplace's catalog version, as a subquery (a value or a bound parameter)."""
    return select(marketplaces.c.catalog_version).where(marketplaces.c.id == marketplace_id).scalar_subquery()


_CURRENT = select(version_of(bindparam("version_of", type_=String())))


async def current(connection: AsyncConnection, marketplace_id: str) -> int | None:
    """The marketplace's catalog version now (None for an unknown marketplace)."""
    return (await connection.execute(_CURRENT, {"version_of": marketplace_id})).scalar()


def watch(engine: Engine) -> None:
    """Mark the connection whenever a statement writes to one of SHOPPER_VISIBLE_TABLES."""
    event.listen(engine, "after_execute", _after_execute)


def _after_execute(
    connection: Connection, statement: Any, _multi: Any, _params: Any, options: Any, _result: Any
) -> None:
    # ``options`` merges the statement's, the connection's and the call's execution options.
    written = getattr(statement, "is_dml", False) and getattr(statement, "table", None) in SHOPPER_VISIBLE_TABLES
    if written and not options.get(CATALOG_NEUTRAL):
        connection.info[_CHANGED] = True


def begin(connection: AsyncConnection) -> None:
    """Forget what a previous transaction on this pooled connection wrote or named."""
    connection.info.pop(_CHANGED, None)
    connection.info.pop(_MARKETPLACE, None)


def tag_marketplace(connection: AsyncConnection, marketplace_id: str) -> None:
    """The marketplace this transaction works for: only its version moves."""
    connection.info[_MARKETPLACE] = marketplace_id


async def bump(connection: AsyncConnection) -> None:
    """Give the marketplace a new version when the transaction wrote what shoppers see (call before COMMIT)."""
    if not connection.info.pop(_CHANGED, False):
        return
    statement = update(marketplaces).values(catalog_version=secrets.randbits(62))
    marketplace_id = connection.info.get(_MARKETPLACE)
    if marketplace_id is not None:
        statement = statement.where(marketplaces.c.id == marketplace_id)
    await connection.execute(statement)
