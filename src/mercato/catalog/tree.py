"""The category tree of a catalog: levels, the ``depth`` list parameter, subtrees and ancestor chains.

Levels count from the top: a root category (ParentID null) is level 1, its children level 2, and so on. A list's
``depth`` says how many levels it spans, counted below its starting point: the catalog's root (level 1 only by
default), or the category named by a plain ``ParentID=X`` filter (X's children only by default), which is then
the anchor rather than a literal filter, so ``ParentID=X&depth=all`` lists X's whole subtree (OrderCloud:
"relative to ParentID if specified"). ``depth`` is a number of 1 or more, or ``all``; anything else is 400
``Category.InvalidDepth``.

Parent links never form a loop: category writes refuse one (``Category.CircularReference``) while holding their
catalog's row lock. Every recursive walk is still bounded by ``MAX_DEPTH`` levels, so that even a corrupted tree
cannot make a query run forever.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CTE, ColumnElement, Integer, func, literal_column, select, true

from mercato.db.tables import categories
from mercato.db.tables.metadata import ID_LENGTH
from mercato.errors import BadRequest

MAX_DEPTH = 1000
"""Levels any recursive walk of a tree descends at most; a deeper tree is not plausible."""

ALL = None
"""``depth=all``."""

PARENT_FIELD = "ParentID"
_PLAIN_ID = re.compile(r"^[A-Za-z0-9_-]+$")

c = categories.c


def parse_depth(text: str | None) -> int | None:
    """The ``depth`` parameter: 1 when absent or blank, ``None`` for ``all`` (any case), else a whole number >= 1
    (capped at MAX_DEPTH, which is as good as all)."""
    if text is None or not text.strip():
        return 1
    value = text.strip()
    if value.lower() == "all":
        return ALL
    digits = value.lstrip("0")
    if not (value.isascii() and value.isdigit() and digits):
        raise BadRequest(
            "Category.InvalidDepth", "Depth must be an integer greater than 0, or 'all'", {"Depth": value[:100]}
        )
    return MAX_DEPTH if len(digits) > 6 else min(int(digits), MAX_DEPTH)


@dataclass(frozen=True, slots=True)
class Span:
    """Which part of a tree a list covers: ``depth`` levels (None: all) below ``parent_id`` (None: the root)."""

    depth: int | None = 1
    parent_id: str | None = None


def split_anchor(pairs: Iterable[tuple[str, str]]) -> tuple[str | None, list[tuple[str, str]]]:
    """Take a single plain ``ParentID=X`` (an ID, no operators or wildcards) out of the query string: it anchors
    the depth. Any other ParentID filter (``!x``, ``a|b``, ``*x``, repeated keys) stays a literal filter."""
    pairs = list(pairs)
    parents = [value for key, value in pairs if key == PARENT_FIELD]
    if len(parents) != 1 or len(parents[0]) > ID_LENGTH or not _PLAIN_ID.match(parents[0]):
        return None, pairs
    return parents[0], [(key, value) for key, value in pairs if key != PARENT_FIELD]


def anchored(parent_id: str | None) -> ColumnElement[bool]:
    """The first level of a span, as a condition on ``categories``: the roots, or the children of ``parent_id``
    (compared without regard to case, as every list filter is)."""
    if parent_id is None:
        return c.parent_id.is_(None)
    return func.lower(c.parent_id) == parent_id.lower()


def subtree(marketplace_id: str, catalog_id: Any, anchor: ColumnElement[bool], levels: int, name: str) -> CTE:
    """Recursive CTE ``name`` of (category_id, level): the categories of one catalog matching ``anchor`` (level 1)
    and their descendants down to ``levels`` levels. ``anchor`` is a condition on ``categories``."""
    start = select(c.id.label("category_id"), literal_column("1", Integer()).label("level")).where(
        c.marketplace_id == marketplace_id, c.catalog_id == catalog_id, anchor
    )
    tree = start.cte(name, recursive=True)
    child = categories.alias(f"{name}_child")
    step = select(child.c.id, tree.c.level + 1).where(
        child.c.marketplace_id == marketplace_id,
        child.c.catalog_id == catalog_id,
        child.c.parent_id == tree.c.category_id,
        tree.c.level < min(levels, MAX_DEPTH),
    )
    return tree.union_all(step)


def within_span(marketplace_id: str, catalog_id: Any, span: Span, name: str = "span") -> ColumnElement[bool]:
    """A condition on ``categories``: the row lies within ``span`` of its catalog's tree. The usual spans need no
    recursion (everything; one level); deeper ones test membership in a ``subtree``."""
    if span.depth is ALL and span.parent_id is None:
        return true()
    if span.depth == 1:
        return anchored(span.parent_id)
    levels = MAX_DEPTH if span.depth is ALL else span.depth
    inside = subtree(marketplace_id, catalog_id, anchored(span.parent_id), levels, name)
    return c.id.in_(select(inside.c.category_id))


def ancestors(marketplace_id: str, catalog_id: str, category_id: str, name: str = "ancestors") -> CTE:
    """Recursive CTE ``name`` of (category_id): ``category_id`` itself (if it exists) and every category above it."""
    start = select(c.id.label("category_id"), c.parent_id, literal_column("1", Integer()).label("level")).where(
        c.marketplace_id == marketplace_id, c.catalog_id == catalog_id, c.id == category_id
    )
    chain = start.cte(name, recursive=True)
    parent = categories.alias(f"{name}_parent")
    step = select(parent.c.id, parent.c.parent_id, chain.c.level + 1).where(
        parent.c.marketplace_id == marketplace_id,
        parent.c.catalog_id == catalog_id,
        parent.c.id == chain.c.parent_id,
        chain.c.level < MAX_DEPTH,
    )
    return chain.union_all(step)


def descendants(marketplace_id: str, catalog_id: str, category_ids: Sequence[str], name: str = "doomed") -> CTE:
    """Recursive CTE ``name`` of (category_id, level): the named categories and everything below them."""
    return subtree(marketplace_id, catalog_id, c.id.in_(category_ids), MAX_DEPTH, name)
