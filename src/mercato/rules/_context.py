"""What an expression is evaluated against (RuleContext, filled by the caller: the engine never reads a database),
and the two views the engine keeps of where it is: Scope while compiling, Frame while evaluating."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from mercato.rules._nodes import Node

LineItem = Mapping[str, Any]
"""A LineItem as its JSON-shaped dict (MODELS.md "LineItem"): ProductID, Quantity, LineSubtotal, xp, and the
product as ``Product`` {ID, Name, xp, …}, which is what ``product.*`` reads inside an items filter."""

CategoryTest = Callable[[LineItem, str], bool]
"""Is this line item's product in this category? One test per category ID of the expression's comma list (the
engine ORs them), so a caller can answer from a precomputed set: ``lambda line, id: id in cats[line["ProductID"]]``."""


def _in_no_category(line_item: LineItem, category_id: str) -> bool:
    return False


@dataclass(frozen=True, kw_only=True)
class RuleContext:
    """One evaluation's world.

    ``order`` and ``line_items`` are the Order and its LineItems as JSON-shaped dicts (numbers may be int, float
    or Decimal; dates ISO-8601 strings or datetimes; keys are matched ignoring case). ``line_item`` is the one
    line item ``item`` means when a line-item promotion is evaluated for it (see ``for_line_item``).
    ``approved_rule_ids`` answers ``order.approved('id')``. ``now`` (timezone-aware; kept in UTC) answers
    ``now(n)``: the caller's clock, so evaluation stays a pure function. ``in_category`` answers
    ``product.incategory`` (direct assignment) and ``in_parent_category`` ``product.inparentcategory`` (the
    category or any descendant); by default no product is in any category. Exceptions they raise reach the caller.
    """

    order: Mapping[str, Any]
    now: datetime
    line_items: Sequence[LineItem] = ()
    line_item: LineItem | None = None
    approved_rule_ids: frozenset[str] = frozenset()
    in_category: CategoryTest = field(default=_in_no_category)
    in_parent_category: CategoryTest = field(default=_in_no_category)

    def __post_init__(self) -> None:
        if self.now.tzinfo is None:
            raise ValueError("RuleContext.now must be timezone-aware")
        object.__setattr__(self, "now", self.now.astimezone(UTC))

    def for_line_item(self, line_item: LineItem) -> RuleContext:
        """This context with ``item`` bound to one line item (line-item promotions evaluate once per line)."""
        return dataclasses.replace(self, line_item=line_item)


@dataclass(frozen=True, slots=True)
class Frame:
    """Where an evaluation is: the context, plus the line item an items filter is looking at and the array
    element an array filter (``xp.Tags.any(item = 'x')``) is looking at."""

    context: RuleContext
    line: LineItem | None = None
    element: Any = None


Evaluate = Callable[[Frame], Any]
"""A compiled node: a closure from the evaluation frame to the node's (normalised) value."""


@dataclass(frozen=True)
class Scope:
    """Where a node sits, as far as the compiler can tell. Inside an items filter (``items.any(…)``) bare names
    are fields of the line item being looked at; inside an array filter (``xp.Tags.any(…)``) ``item`` is the
    array element rather than the promotion's line item. ``depth`` counts nesting, which is capped
    (_compile.MAX_DEPTH) so that neither compiling nor evaluating can exhaust Python's stack."""

    in_items_filter: bool = False
    in_array_filter: bool = False
    depth: int = 0


class NodeCompiler(Protocol):
    """The compiler as _paths and _functions see it: they compile their operands through it."""

    def compile(self, node: Node, scope: Scope) -> Evaluate: ...

    def saw_item(self, position: int) -> None:
        """``item`` at ``position`` names the promotion's line item (ItemNotAllowed / ItemRequired checks)."""
