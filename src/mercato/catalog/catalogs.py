"""Which catalogs a caller may see and administer, and the computed columns every catalog view shares.

* Admin users (the marketplace owner's) see every catalog of the marketplace.
* Buyer users see the catalogs assigned to their own buyer, active or not (SEMANTICS.md §2.2: with CatalogAdmin
  they edit those catalogs and their product assignments; with CategoryAdmin their categories). Any other catalog
  is a 404, as if it did not exist.
* Supplier users see none (suppliers own no catalogs yet).

The rule is one SQL condition (``readable``) so that lists stay one query, and ``require_catalog`` applies it to
a single catalog, optionally locking the row: category writes lock their catalog so that two concurrent writes
cannot build a parent loop between them (PostgreSQL; SQLite serialises writers anyway).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, false, func, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.context import Caller, UserType
from mercato.db.dialect import insert_if_absent
from mercato.db.tables import buyers, catalog_assignments, catalog_products, catalogs, categories, products
from mercato.errors import BadRequest, NotFound, ValidationFailure

OBJECT = "Catalog"

c = catalogs.c

OWNER_ID: ColumnElement[str] = func.coalesce(c.owner_id, c.marketplace_id)
"""Catalog.OwnerID: the organisation that owns it. Rows without one (default catalogs made with a buyer) belong
to the marketplace owner, whose organisation ID is the marketplace ID."""

CATEGORY_COUNT: ColumnElement[int] = (
    select(func.count())
    .select_from(categories)
    .where(categories.c.marketplace_id == c.marketplace_id, categories.c.catalog_id == c.id)
    .correlate(catalogs)
    .scalar_subquery()
)
"""Catalog.CategoryCount as an administrator sees it: every category of the catalog, at any depth."""

STORED_COLUMNS = [column for column in catalogs.c if column.name != "owner_id"]
"""What a catalog view selects besides ``OWNER_ID.label("owner_id")`` and a ``category_count``."""


def assigned_to_buyer(marketplace_id: str, buyer_id: str, catalog_id: Any) -> ColumnElement[bool]:
    """EXISTS a CatalogAssignment of ``catalog_id`` (a value or a column) to the buyer."""
    a = catalog_assignments.c
    return exists().where(a.marketplace_id == marketplace_id, a.buyer_id == buyer_id, a.catalog_id == catalog_id)


def readable(caller: Caller, catalog_id: Any = c.id) -> ColumnElement[bool]:
    """The catalogs ``caller`` may see, as a condition on ``catalog_id`` (by default ``catalogs.id``)."""
    if caller.user_type is UserType.ADMIN:
        return true()
    if caller.user_type is UserType.BUYER:
        return assigned_to_buyer(caller.marketplace_id, caller.company_id, catalog_id)
    return false()


async def require_catalog(connection: AsyncConnection, caller: Caller, catalog_id: str, *, lock: bool = False) -> None:
    """404 Catalog unless it exists and ``caller`` may see it; ``lock`` takes its row lock (writes only)."""
    query = select(c.id).where(c.marketplace_id == caller.marketplace_id, c.id == catalog_id, readable(caller))
    if lock:
        query = query.with_for_update()
    if (await connection.execute(query)).first() is None:
        raise NotFound(OBJECT, catalog_id)


def default_catalog_of(marketplace_id: str, buyer_id: str) -> ColumnElement[str]:
    """The buyer's DefaultCatalogID, as a scalar subquery (so that a Me query stays one statement)."""
    b = buyers.c
    return select(b.default_catalog_id).where(b.marketplace_id == marketplace_id, b.id == buyer_id).scalar_subquery()


RESERVED_IDS = frozenset({"assignments", "productassignments", "bundleassignments"})
"""Literal route segments beside ``/catalogs/{ID}`` and ``/categories/{ID}``: an object with such an ID (in any
case, as literal segments match without regard to case) could not be addressed."""


def check_not_reserved(object_id: Any) -> None:
    if isinstance(object_id, str) and object_id.lower() in RESERVED_IDS:
        raise ValidationFailure(f"{object_id!r} is reserved: it names a route beside the object's own", "ID")


def required_buyer(buyer_id: str | None) -> str:
    """Catalog and category assignments always name a buyer: 400 PartyAssignment.RequiresBuyer otherwise."""
    if not buyer_id:
        raise BadRequest("PartyAssignment.RequiresBuyer", "The assignment must name a BuyerID")
    return buyer_id


async def require_product(connection: AsyncConnection, marketplace_id: str, product_id: str) -> None:
    p = products.c
    found = await connection.scalar(select(exists().where(p.marketplace_id == marketplace_id, p.id == product_id)))
    if not found:
        raise NotFound("Product", product_id)


async def add_to_catalog(connection: AsyncConnection, marketplace_id: str, catalog_id: str, product_id: str) -> None:
    """The product's CatalogProductAssignment, made if missing (idempotent)."""
    row = {"marketplace_id": marketplace_id, "catalog_id": catalog_id, "product_id": product_id}
    keys = ["marketplace_id", "catalog_id", "product_id"]
    await connection.execute(insert_if_absent(connection.dialect.name, catalog_products, row, keys))
