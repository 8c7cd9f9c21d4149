"""Which products a buyer user sees, and at which price: the one rule behind every ``/me/products`` route.

Visibility (SEMANTICS.md §3.1, KB product-visibility and child-products)
-------------------------------------------------------------------------
Product P is visible to a party (mercato.catalog.visibility.Party: a buyer and the user's groups) when P is
Active, and some catalog K that is **Active**, **assigned to the buyer** and **contains P** (a
CatalogProductAssignment) also satisfies one of:

* the buyer's CatalogAssignment to K has ``ViewAllProducts``;
* P is assigned to a category of K through which the party sees products (``product_visible_categories``: an
  active category, whose ancestors are all active, whose first non-null ViewAllProducts walking up is true);
* a ProductAssignment of P reaches the party (buyer level, or one of the user's groups), whatever its price.

A child product (``ParentID``) is also visible when its parent is (KB child-products: "if a shopper can see a
Parent, they can see all Children"), but never while it or its parent is inactive. ``catalog_id`` narrows
everything to one catalog (``/me/products?catalogID=``).

The rule is SQL: ``visible_product_ids`` is a UNION ALL of one SELECT per path, each driven by an index from the
party's few assigned catalogs, and ``visible`` tests ``products.id IN`` it. Both databases then probe the product
key per visible ID (or hash the set) instead of testing every product of the marketplace, so a list's cost
follows what the user sees, not the size of the catalog.

Price (SEMANTICS.md §3.2)
-------------------------
``price_schedule_id`` is the schedule a party pays for P, most specific first: a ProductAssignment to one of the
user's groups that names a schedule, then the buyer-level assignment's, then ``Product.DefaultPriceScheduleID``;
a child without any of them takes its parent's. When two of the user's groups price P differently, the group
whose ID sorts first (by code point) wins: OrderCloud leaves this open, and a fixed, visible rule beats an
arbitrary one (docs/decisions/0018). No schedule at all leaves the product visible but not purchasable.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, func, or_, select, true, union_all
from sqlalchemy.sql.expression import CompoundSelect

from mercato.catalog.visibility import BOUND_PARTY, Party, product_visible_categories
from mercato.db.dialect import code_point_order
from mercato.db.tables import (
    catalog_assignments,
    catalog_products,
    catalogs,
    category_products,
    price_schedules,
    products,
)
from mercato.db.tables import product_assignments as assignments

p = products.c


def _reaches(party: Party) -> ColumnElement[bool]:
    """A ProductAssignment row reaches the party: made to its buyer as a whole or to one of the user's groups."""
    a = assignments.c
    return and_(
        a.marketplace_id == party.marketplace_id,
        a.buyer_id == party.buyer_id,
        or_(a.user_group_id == "", a.user_group_id.in_(party.group_ids)),
    )


Among = Callable[[ColumnElement[Any]], ColumnElement[bool]]
"""Narrows a visibility walk to candidate products: given a product ID column, the condition it must meet."""


def _anything(_column: ColumnElement[Any]) -> ColumnElement[bool]:
    return true()


def visible_product_ids(
    party: Party, catalog_id: Any = None, name: str = "product_visibility", among: Among = _anything
) -> CompoundSelect[Any]:
    """The IDs of the products the party sees by the three paths (a product may appear more than once); parent
    and Active are checked by ``visible``. ``name`` prefixes the CTEs (give another when a statement needs two).
    ``among`` narrows each path to candidate products, so that checking a few costs a few index probes rather
    than gathering everything the party sees."""
    mid = party.marketplace_id
    ca, k, cp = catalog_assignments.c, catalogs.c, catalog_products.c
    assigned = (
        select(ca.catalog_id, ca.view_all_products)
        .join_from(catalog_assignments, catalogs, and_(k.marketplace_id == ca.marketplace_id, k.id == ca.catalog_id))
        .where(ca.marketplace_id == mid, ca.buyer_id == party.buyer_id, k.active.is_(True))
    )
    if catalog_id is not None:
        assigned = assigned.where(ca.catalog_id == catalog_id)
    mine = assigned.cte(f"{name}_catalogs")

    everything = (
        select(cp.product_id)
        .join_from(mine, catalog_products, and_(cp.marketplace_id == mid, cp.catalog_id == mine.c.catalog_id))
        .where(mine.c.view_all_products.is_(True), among(cp.product_id))
    )
    # A catalog assigned with ViewAllProducts shows all its products through the first SELECT already: walking
    # its categories would only find them again.
    through = product_visible_categories(party, catalog_id, f"{name}_categories", partial_catalogs_only=True).subquery(
        f"{name}_through"
    )
    kp = category_products.c
    if among is _anything:
        by_category = select(kp.product_id).join_from(
            through,
            category_products,
            and_(
                kp.marketplace_id == mid,
                kp.catalog_id == through.c.catalog_id,
                kp.category_id == through.c.category_id,
            ),
        )
    else:
        # Driven from the candidates' category assignments (ix_category_products_product), each checked against
        # the categories the party sees by a subquery per row: as EXISTS, PostgreSQL turns it into a join driven
        # from every product of every such category (it cannot estimate the CTE) to find a few.
        seen_through = (
            select(through.c.category_id)
            .where(through.c.catalog_id == kp.catalog_id, through.c.category_id == kp.category_id)
            .limit(1)
            .scalar_subquery()
        )
        by_category = select(kp.product_id).where(
            kp.marketplace_id == mid, among(kp.product_id), seen_through.is_not(None)
        )
    a = assignments.c
    in_my_catalog = (
        select(cp.product_id)
        .join_from(mine, catalog_products, and_(cp.marketplace_id == mid, cp.catalog_id == mine.c.catalog_id))
        .where(cp.product_id == a.product_id)
        .exists()
    )
    by_assignment = select(a.product_id).where(_reaches(party), among(a.product_id), in_my_catalog)
    return union_all(everything, by_category, by_assignment)


def visible(
    party: Party, catalog_id: Any = None, name: str = "product_visibility", among: Among = _anything
) -> ColumnElement[bool]:
    """A condition on ``products``: the party sees the row (the whole rule of the module docstring). Give
    ``among`` (see visible_product_ids) when the statement asks about a few known products."""
    mid = party.marketplace_id
    seen = visible_product_ids(party, catalog_id, name, _with_parents(mid, among, name)).cte(f"{name}_ids")
    child = products.alias(f"{name}_child")
    # Driven from the (few) child products rather than from every visible ID: a child is a row whose parent_id
    # is set, found through ix_products_parent, and kept when its parent is among the visible.
    children = select(child.c.id).where(
        child.c.marketplace_id == mid,
        child.c.parent_id.is_not(None),
        among(child.c.id),
        select(seen.c.product_id).where(seen.c.product_id == child.c.parent_id).exists(),
    )
    parent = products.alias(f"{name}_parent")
    active_parent = (
        select(parent.c.id)
        .where(parent.c.marketplace_id == mid, parent.c.id == p.parent_id, parent.c.active.is_(True))
        .exists()
    )
    return and_(
        p.marketplace_id == mid,
        p.active.is_(True),
        p.id.in_(union_all(select(seen.c.product_id), children)),
        or_(p.parent_id.is_(None), active_parent),
    )


def _with_parents(marketplace_id: Any, among: Among, name: str) -> Among:
    """``among`` widened to the candidates' parents: a child is visible when its parent is."""
    if among is _anything:
        return among
    candidate = products.alias(f"{name}_candidate")
    c = candidate.c
    asked = union_all(
        select(c.id).where(c.marketplace_id == marketplace_id, among(c.id)),
        select(c.parent_id).where(c.marketplace_id == marketplace_id, among(c.id), c.parent_id.is_not(None)),
    )
    return functools.partial(_is_in, asked)


def _assigned_schedule(party: Party, dialect_name: str, product_id: Any, *, group_level: bool) -> Any:
    a = assignments.c
    level = a.user_group_id != "" if group_level else a.user_group_id == ""
    return (
        select(a.price_schedule_id)
        .where(_reaches(party), level, a.product_id == product_id, a.price_schedule_id.is_not(None))
        .order_by(code_point_order(dialect_name, a.user_group_id))
        .limit(1)
        .scalar_subquery()
    )


def _own_schedule(party: Party, dialect_name: str, product: Any) -> ColumnElement[Any]:
    return func.coalesce(
        _assigned_schedule(party, dialect_name, product.id, group_level=True),
        _assigned_schedule(party, dialect_name, product.id, group_level=False),
        product.default_price_schedule_id,
    )


def price_schedule_id(party: Party, dialect_name: str) -> ColumnElement[Any]:
    """The ID of the schedule the party pays for the ``products`` row (module docstring), or null; correlated to
    ``products``, so select it beside the product's columns (only for the rows of a page: it costs a few index
    lookups per row)."""
    parent = products.alias("priced_parent")
    inherited = (
        select(_own_schedule(party, dialect_name, parent.c))
        .where(parent.c.marketplace_id == party.marketplace_id, parent.c.id == p.parent_id)
        .scalar_subquery()
    )
    return func.coalesce(_own_schedule(party, dialect_name, p), inherited)


CATALOG = bindparam("party_catalog_id", type_=String())
"""The catalog a bound visibility is narrowed to (``/me/products?catalogID=``)."""


@functools.cache
def bound_visible(narrowed: bool, *, one: str | None = None, many: str | None = None) -> ColumnElement[bool]:
    """``visible`` for BOUND_PARTY (mercato.catalog.visibility), built once per process: through every catalog,
    or through the one bound as ``party_catalog_id`` when ``narrowed``; for the one product whose ID is bound as
    ``one``, or the products whose IDs are bound (a list) as ``many``, when the statement asks about those only
    (it must then also select them: this narrows the walk, not the rows)."""
    among = _anything
    if one is not None:
        among = functools.partial(_is, bindparam(one, type_=String()))
    elif many is not None:
        among = functools.partial(_is_in, bindparam(many, expanding=True))
    return visible(BOUND_PARTY, CATALOG if narrowed else None, among=among)


def _is(value: Any, column: ColumnElement[Any]) -> ColumnElement[bool]:
    equal: ColumnElement[bool] = column == value
    return equal


def _is_in(values: Any, column: ColumnElement[Any]) -> ColumnElement[bool]:
    return column.in_(values)


@functools.cache
def bound_prices(dialect_name: str) -> Select[Any]:
    """The products bound as the list ``product_ids``, each with the columns of the price schedule BOUND_PARTY
    pays (nulls when none): the pricing of a page in one query, built once per process. The product's ID is
    ``priced_product_id``."""
    ps = price_schedules.c
    resolved = price_schedule_id(BOUND_PARTY, dialect_name)
    return (
        select(p.id.label("priced_product_id"), price_schedules)
        .select_from(
            products.outerjoin(price_schedules, and_(ps.marketplace_id == p.marketplace_id, ps.id == resolved))
        )
        .where(p.marketplace_id == BOUND_PARTY.marketplace_id, p.id.in_(bindparam("product_ids", expanding=True)))
    )
