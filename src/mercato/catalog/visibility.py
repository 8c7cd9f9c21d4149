"""What a buyer user sees of the catalogs: categories, and the categories through which it sees products.

The party
---------
A buyer user is seen as a ``Party``: its marketplace, its buyer, and its user groups (a list of group IDs or,
to keep a request one statement, a SELECT of them: ``party_of(caller)`` builds that subquery). Assignments
reach the party when they are made to the buyer as a whole (``user_group_id = ""``) or to one of the groups.

The rule (SEMANTICS.md §3.1, KB catalog-visibility-rules)
---------------------------------------------------------
For a category C of catalog K:

1. K is **active** and **assigned** to the party's buyer (a CatalogAssignment row); otherwise nothing of K shows.
2. C and **every ancestor** of C are **Active**. An inactive category hides itself and its whole subtree.
3. C's effective ``Visible`` (and, separately, ``ViewAllProducts``) is the **first non-null** value found walking
   **up** from C: C's own setting, then its parent's, …, then the root's; when every category on the way is
   unset, the CatalogAssignment's ``ViewAllCategories`` (resp. ``ViewAllProducts``) decides. A category's own
   setting combines the CategoryAssignments that reach the party at that category (buyer level and any of the
   user's groups): any ``true`` wins over ``false``, ``false`` over null (unset), and no assignment is unset.
   So a child left null inherits its parent's true or false, and an explicit false on a child hides it even
   under a visible parent (and an explicit true shows it under a hidden one).

``Visible`` decides whether the category itself is listed (``/me/categories``). ``ViewAllProducts`` decides
whether the products assigned to it (CategoryProductAssignment) are visible through it — independently of
``Visible``, as the KB treats them; conditions 1 and 2 apply to both.

The SQL
-------
``category_visibility`` returns one recursive CTE that walks every tree **top-down** (which gives the same first
non-null as walking up), carrying the inherited values as 1/0 integers: the anchor takes the active root
categories of the party's active assigned catalogs, each step their active children. Its columns:

========================= =====================================================================================
``catalog_id``            the catalog
``category_id``           an active category whose ancestors are all active (only such rows exist)
``parent_id``             its ParentID (null for roots)
``depth``                 its level: 1 for roots, 2 for their children, …
``visible``               1 when the party sees the category, else 0
``view_all_products``     1 when the party sees the category's products through it, else 0
========================= =====================================================================================

The two selectables built on it are the public contract, each of (``catalog_id``, ``category_id``) pairs:

* ``visible_categories(...)``: the categories the party sees (``visible = 1``);
* ``product_visible_categories(...)``: the categories through which the party sees products
  (``view_all_products = 1``). A product P is then visible through categories when EXISTS a ``category_products``
  row (same marketplace) whose (catalog_id, category_id) is in that set and product_id = P; the caller still
  checks the other product rules (Product.Active, the CatalogProductAssignment — which saving a category product
  assignment creates —, or CatalogAssignment.ViewAllProducts / ProductAssignments as alternatives).

For example, "product P is visible to the caller through some category", inside a product query::

    through = product_visible_categories(party_of(caller)).subquery("through")
    cp = category_products.c
    exists().where(
        cp.marketplace_id == caller.marketplace_id,
        cp.product_id == products.c.id,
        cp.catalog_id == through.c.catalog_id,
        cp.category_id == through.c.category_id,
    )

All of them take an optional ``catalog_id`` (a value or a SQL expression such as the buyer's default catalog) to
limit the walk to one catalog. The CTEs are named (``name`` and ``name_catalogs`` / ``name_flags``); give
different names when one statement needs two walks. SQLAlchemy hoists them into one ``WITH RECURSIVE`` clause at
the top of whatever statement uses them, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
)

from mercato.accounts.buyer_assignments import buyer_groups
from mercato.catalog.tree import MAX_DEPTH
from mercato.context import Caller, UserType
from mercato.db.tables import catalog_assignments, catalogs, categories, category_assignments

_ON = literal_column("1", Integer())
_OFF = literal_column("0", Integer())
_TRUE = literal_column("2", Integer())
_FALSE = literal_column("1", Integer())
_UNSET = literal_column("0", Integer())


@dataclass(frozen=True, slots=True)
class Party:
    """A buyer user as assignments see it: its marketplace and buyer (values, or bound parameters: see
    ``BOUND_PARTY``) and the IDs of its groups (values or a SELECT of them)."""

    marketplace_id: Any
    buyer_id: Any
    group_ids: Sequence[str] | Select[Any]


def party_of(caller: Caller) -> Party | None:
    """The caller's party, with its groups as a subquery; None for admin and supplier users (they have none)."""
    if caller.user_type is not UserType.BUYER:
        return None
    return Party(
        caller.marketplace_id, caller.company_id, buyer_groups(caller.marketplace_id, caller.company_id, caller.uid)
    )


_MARKETPLACE = bindparam("party_marketplace_id", type_=String())
_BUYER = bindparam("party_buyer_id", type_=String())
BOUND_PARTY = Party(
    _MARKETPLACE, _BUYER, buyer_groups(_MARKETPLACE, _BUYER, bindparam("party_user_uid", type_=String()))
)
"""Any buyer user, as named bound parameters (``party_parameters`` gives their values). Statements built on it
are the same for every caller, so a route can build them once and reuse them: building the visibility walks
costs milliseconds of Python per request, executing a built one almost nothing."""


def party_parameters(caller: Caller) -> dict[str, str] | None:
    """The values of BOUND_PARTY's parameters for the caller; None for admin and supplier users."""
    if caller.user_type is not UserType.BUYER:
        return None
    return {
        "party_marketplace_id": caller.marketplace_id,
        "party_buyer_id": caller.company_id,
        "party_user_uid": caller.uid,
    }


def category_visibility(
    party: Party, catalog_id: Any = None, name: str = "category_visibility", *, partial_catalogs_only: bool = False
) -> CTE:
    """The recursive CTE described in the module docstring (every catalog of the party, or only ``catalog_id``;
    with ``partial_catalogs_only``, only the catalogs whose assignment does not already show every product)."""
    mid = party.marketplace_id
    ca, k = catalog_assignments.c, catalogs.c
    assigned = (
        select(ca.catalog_id, ca.view_all_categories, ca.view_all_products)
        .join_from(catalog_assignments, catalogs, and_(k.marketplace_id == ca.marketplace_id, k.id == ca.catalog_id))
        .where(ca.marketplace_id == mid, ca.buyer_id == party.buyer_id, k.active.is_(True))
    )
    if partial_catalogs_only:
        assigned = assigned.where(ca.view_all_products.is_not(True))
    a = category_assignments.c
    flags = (
        select(
            a.catalog_id,
            a.category_id,
            func.max(_code(a.visible)).label("visible"),
            func.max(_code(a.view_all_products)).label("view_all_products"),
        )
        .where(
            a.marketplace_id == mid,
            a.buyer_id == party.buyer_id,
            or_(a.user_group_id == "", a.user_group_id.in_(party.group_ids)),
        )
        .group_by(a.catalog_id, a.category_id)
    )
    if catalog_id is not None:
        assigned = assigned.where(ca.catalog_id == catalog_id)
        flags = flags.where(a.catalog_id == catalog_id)
    catalog = assigned.cte(f"{name}_catalogs")
    own = flags.cte(f"{name}_flags")

    c = categories.c
    roots = (
        select(
            c.catalog_id,
            c.id.label("category_id"),
            c.parent_id,
            literal_column("1", Integer()).label("depth"),
            _inherit(own.c.visible, _bit(catalog.c.view_all_categories)).label("visible"),
            _inherit(own.c.view_all_products, _bit(catalog.c.view_all_products)).label("view_all_products"),
        )
        .select_from(
            categories.join(catalog, catalog.c.catalog_id == c.catalog_id).outerjoin(
                own, and_(own.c.catalog_id == c.catalog_id, own.c.category_id == c.id)
            )
        )
        .where(c.marketplace_id == mid, c.parent_id.is_(None), c.active.is_(True))
    )
    tree = roots.cte(name, recursive=True)
    child = categories.alias(f"{name}_child")
    step = (
        select(
            child.c.catalog_id,
            child.c.id,
            child.c.parent_id,
            tree.c.depth + 1,
            _inherit(own.c.visible, tree.c.visible),
            _inherit(own.c.view_all_products, tree.c.view_all_products),
        )
        .select_from(
            child.join(
                tree,
                and_(
                    child.c.marketplace_id == mid,
                    child.c.catalog_id == tree.c.catalog_id,
                    child.c.parent_id == tree.c.category_id,
                ),
            ).outerjoin(own, and_(own.c.catalog_id == child.c.catalog_id, own.c.category_id == child.c.id))
        )
        .where(child.c.active.is_(True), tree.c.depth < MAX_DEPTH)
    )
    return tree.union_all(step)


def visible_categories(party: Party, catalog_id: Any = None, name: str = "category_visibility") -> Select[Any]:
    """(catalog_id, category_id) of every category the party sees."""
    tree = category_visibility(party, catalog_id, name)
    return select(tree.c.catalog_id, tree.c.category_id).where(tree.c.visible == _ON)


def product_visible_categories(
    party: Party, catalog_id: Any = None, name: str = "category_visibility", *, partial_catalogs_only: bool = False
) -> Select[Any]:
    """(catalog_id, category_id) of every category through which the party sees the products assigned to it
    (``partial_catalogs_only``: leaving out the catalogs whose assignment has ViewAllProducts, which show all
    their products anyway)."""
    tree = category_visibility(party, catalog_id, name, partial_catalogs_only=partial_catalogs_only)
    return select(tree.c.catalog_id, tree.c.category_id).where(tree.c.view_all_products == _ON)


def is_on(column: ColumnElement[Any]) -> ColumnElement[bool]:
    """``visible`` / ``view_all_products`` of the CTE hold 1 or 0: this tests for 1."""
    return column == _ON


def _code(flag: ColumnElement[Any]) -> ColumnElement[int]:
    """A tri-state assignment flag as a number whose maximum combines several: true 2 > false 1 > null 0."""
    return case((flag.is_(True), _TRUE), (flag.is_(False), _FALSE), else_=_UNSET)


def _inherit(code: ColumnElement[Any], inherited: ColumnElement[Any]) -> ColumnElement[int]:
    """A category's own combined setting when it has one, else what it inherits (no assignment: code is NULL)."""
    return case((code == _TRUE, _ON), (code == _FALSE, _OFF), else_=inherited)


def _bit(flag: ColumnElement[Any]) -> ColumnElement[int]:
    return case((flag.is_(True), _ON), else_=_OFF)
