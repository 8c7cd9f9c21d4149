"""Names and fields: ``order.xp.Budget``, ``item.Product.ID``, a bare ``CostCenter`` inside an items filter, the
array element ``item`` inside an array filter. Resolution is static (unknown roots and fields are compile
errors); reading walks the dicts case-insensitively and yields None for anything missing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from mercato.rules._context import Evaluate, Frame, LineItem, NodeCompiler, Scope
from mercato.rules._errors import EvaluationError, ExpressionCode, ExpressionError
from mercato.rules._model import LINE_ITEM, ORDER, Model, Shape
from mercato.rules._nodes import Member, Name, Node
from mercato.rules._values import field, normalize


class Root(Enum):
    ORDER = "order"  # the order being evaluated
    LINE = "line"  # the line item an items filter is looking at
    ITEM = "item"  # the promotion's line item (RuleContext.line_item)
    ELEMENT = "element"  # the array element an array filter is looking at


@dataclass(frozen=True)
class Path:
    root: Root
    segments: tuple[str, ...]
    shape: Model | Shape  # what the value at the end of the path is
    position: int  # of the path's last name, for errors about the path

    @property
    def is_line_product(self) -> bool:
        return self.root in (Root.LINE, Root.ITEM) and self.segments == ("Product",)

    def describe(self) -> str:
        return ".".join((self.root.value, *self.segments)) if self.root is not Root.LINE else ".".join(self.segments)


def is_path(node: Node) -> bool:
    return isinstance(node, Name | Member)


def resolve(node: Name | Member, scope: Scope, compiler: NodeCompiler) -> Path:
    """The path ``node`` names, or ExpressionError for an unknown root or field."""
    names: list[Member] = []
    head: Node = node
    while isinstance(head, Member):  # a loop, not recursion: a.b.c.d… may be long
        names.append(head)
        head = head.target
    if not isinstance(head, Name):
        raise ExpressionError(
            ExpressionCode.INVALID_SYNTAX,
            f"{names[-1].name!r} must follow order, item, a line-item field or one of their fields",
            names[-1].position,
        )
    path = _root(head, scope, compiler)
    for member in reversed(names):
        path = _step(path, member.name, member.position)
    return path


def _root(name: Name, scope: Scope, compiler: NodeCompiler) -> Path:
    key = name.name.casefold()
    if key == "order":
        return Path(Root.ORDER, (), ORDER, name.position)
    if key == "items":
        raise ExpressionError(
            ExpressionCode.INVALID_FUNCTION,
            "items is a collection: use items.any(…), items.all(…), items.quantity(…), items.count(…) or "
            "items.total(…)",
            name.position,
        )
    if key == "item":
        if scope.in_array_filter:
            return Path(Root.ELEMENT, (), Shape.FREE, name.position)
        compiler.saw_item(name.position)
        return Path(Root.ITEM, (), LINE_ITEM, name.position)
    if scope.in_items_filter:
        return _step(Path(Root.LINE, (), LINE_ITEM, name.position), name.name, name.position)
    hint = " (product is a line item's: write items.any(product.…))" if key == "product" else ""
    raise ExpressionError(
        ExpressionCode.INVALID_TOKEN,
        f"Unknown name {name.name!r}: an expression starts from order, items or item{hint}",
        name.position,
    )


def _step(path: Path, name: str, position: int) -> Path:
    shape = path.shape
    if isinstance(shape, Model):
        found = shape.field(name)
        if found is None:
            raise ExpressionError(ExpressionCode.INVALID_TOKEN, f"{shape.name} has no field {name!r}", position)
        spelling, inner = found
        return Path(path.root, (*path.segments, spelling), inner, position)
    if shape is Shape.SCALAR:
        raise ExpressionError(ExpressionCode.INVALID_TOKEN, f"{path.describe()} has no fields", position)
    return Path(path.root, (*path.segments, name), Shape.FREE, position)


def read(path: Path) -> Evaluate:
    root, segments = path.root, path.segments

    def evaluate(frame: Frame) -> Any:
        value: Any = root_value(root, frame)
        for name in segments:
            value = field(value, name)
        return normalize(value)

    return evaluate


def root_value(root: Root, frame: Frame) -> Any:
    match root:
        case Root.ORDER:
            return frame.context.order
        case Root.LINE:
            return frame.line
        case Root.ITEM:
            return promotion_item(frame)
        case Root.ELEMENT:
            return frame.element


def promotion_item(frame: Frame) -> LineItem:
    line_item = frame.context.line_item
    if line_item is None:
        raise EvaluationError(
            ExpressionCode.ITEM_UNAVAILABLE, "The expression uses item, but no line item was given to evaluate it for"
        )
    return line_item
