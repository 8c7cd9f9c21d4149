"""Every function of the language, checked (where it may be called, how many arguments) and compiled:

* ``items.any(f)`` ``items.all(f)`` ``items.quantity(f)`` ``items.count(f)`` ``items.total(f)`` — over the order's
  line items; the filter is optional (no filter: every line). ``total`` sums LineSubtotal.
* ``order.approved('ruleID')``; ``product.incategory('a,b')`` and ``product.inparentcategory('a,b')`` on a line
  item's product (bare ``product`` in an items filter, or ``item.product``).
* On arrays (xp arrays, ``Specs``): ``contains(v)``, ``any(f)``, ``all(f)``, ``count(f)``, with ``item`` the
  element inside the filter. On any value: ``in('a,b', …)``.
* ``min(a, b)``, ``max(a, b)``, ``now(days)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

from mercato.rules._context import Evaluate, Frame, LineItem, NodeCompiler, Scope
from mercato.rules._errors import EvaluationError, ExpressionCode, ExpressionError
from mercato.rules._model import Shape
from mercato.rules._nodes import Call, Literal, Member, Name
from mercato.rules._operators import compare, extreme, number, total
from mercato.rules._paths import Path, Root, promotion_item, read, resolve
from mercato.rules._values import field, is_array, normalize, parse_number

ITEMS_FUNCTIONS = ("any", "all", "quantity", "count", "total")
ARRAY_FUNCTIONS = ("contains", "any", "all", "count")
_WHERE_TO_CALL = {
    "approved": "order.approved('ruleID')",
    "incategory": "product.incategory('categoryID')",
    "inparentcategory": "product.inparentcategory('categoryID')",
    "quantity": "items.quantity(…)",
    "total": "items.total(…)",
    **{name: f"items.{name}(…) or on an array (order.xp.Tags.{name}(…))" for name in ARRAY_FUNCTIONS},
    "in": "a value: order.xp.Color.in('red,blue')",
}


def compile_call(call: Call, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    name = call.name.casefold()
    target = call.target
    if target is None:
        return _global(call, name, scope, compiler)
    if isinstance(target, Name) and target.name.casefold() == "items":
        return _items(call, name, scope, compiler)
    path = resolve(target, scope, compiler) if isinstance(target, Name | Member) else None
    if name == "approved":
        return _approved(call, path)
    if name in ("incategory", "inparentcategory"):
        return _category(call, name, path)
    receiver = read(path) if path is not None else compiler.compile(target, scope)
    if name == "in":
        return _in(call, receiver, scope, compiler)
    if name in ARRAY_FUNCTIONS:
        if path is not None and path.shape is not Shape.FREE:
            raise ExpressionError(
                ExpressionCode.INVALID_FUNCTION,
                f"{call.name}() applies to arrays; {path.describe()} is not one",
                call.position,
            )
        return _array(call, name, receiver, scope, compiler)
    raise _unknown(call)


def _unknown(call: Call) -> ExpressionError:
    where = _WHERE_TO_CALL.get(call.name.casefold())
    message = f"{call.name}() cannot be called here: write {where}" if where else f"Unknown function {call.name}()"
    return ExpressionError(ExpressionCode.INVALID_FUNCTION, message, call.position)


def _arity(call: Call, low: int, high: int) -> None:
    if not low <= len(call.args) <= high:
        expected = str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"
        raise ExpressionError(
            ExpressionCode.INVALID_ARGUMENTS,
            f"{call.name}() takes {expected} argument{'' if expected == '1' else 's'}, not {len(call.args)}",
            call.position,
        )


def _quoted(call: Call) -> str:
    """The one argument, which must be a quoted, non-blank string (IDs are fixed when the rule is written)."""
    _arity(call, 1, 1)
    argument = call.args[0]
    if not isinstance(argument, Literal) or not isinstance(argument.value, str) or not argument.value.strip():
        raise ExpressionError(ExpressionCode.INVALID_ARGUMENTS, f"{call.name}() takes a quoted ID", argument.position)
    return str(argument.value).strip()


def _global(call: Call, name: str, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    if name in ("min", "max"):
        _arity(call, 2, 2)
        left, right = (compiler.compile(argument, scope) for argument in call.args)
        return lambda frame: extreme(name, left(frame), right(frame))
    if name == "now":
        return _now(call, scope, compiler)
    raise _unknown(call)


def _now(call: Call, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    """``now(n)``: the context's UTC time plus n days (n may be negative or fractional); ``now()`` is now."""
    _arity(call, 0, 1)
    if not call.args:
        return lambda frame: frame.context.now
    argument = call.args[0]
    if isinstance(argument, Literal) and not isinstance(argument.value, Decimal):
        raise ExpressionError(ExpressionCode.INVALID_ARGUMENTS, "now() takes a number of days", argument.position)
    days = compiler.compile(argument, scope)

    def evaluate(frame: Frame) -> Any:
        count = number(days(frame), "now()")
        if count is None:
            return None
        try:
            return frame.context.now + timedelta(days=float(count))
        except (OverflowError, ValueError) as error:
            raise EvaluationError(ExpressionCode.NUMBER_OUT_OF_RANGE, f"now({count}) is out of range") from error

    return evaluate


def _items(call: Call, name: str, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    if name not in ITEMS_FUNCTIONS:
        raise ExpressionError(
            ExpressionCode.INVALID_FUNCTION,
            f"items has no function {call.name}(): use any, all, quantity, count or total",
            call.position,
        )
    _arity(call, 0, 1)
    test = compiler.compile(call.args[0], dataclasses.replace(scope, in_items_filter=True)) if call.args else None

    def matching(frame: Frame) -> Iterator[LineItem]:
        for line in frame.context.line_items:
            if test is None or test(Frame(frame.context, line, frame.element)) is True:
                yield line

    match name:
        case "any":
            return lambda frame: next(matching(frame), None) is not None
        case "all":
            return lambda frame: all(
                test is None or test(Frame(frame.context, line, frame.element)) is True
                for line in frame.context.line_items
            )
        case "count":
            return lambda frame: Decimal(sum(1 for _ in matching(frame)))
        case "quantity":
            return lambda frame: total(_amount(line, "Quantity") for line in matching(frame))
        case _:
            return lambda frame: total(_amount(line, "LineSubtotal") for line in matching(frame))


def _amount(line: LineItem, name: str) -> Decimal:
    """A line's number for a sum; a missing or non-numeric one counts as 0."""
    value = normalize(field(line, name))
    if isinstance(value, str):
        value = parse_number(value)
    return value if isinstance(value, Decimal) else Decimal(0)


def _approved(call: Call, path: Path | None) -> Evaluate:
    if path is None or path.root is not Root.ORDER or path.segments:
        raise _unknown(call)
    rule_id = _quoted(call)
    return lambda frame: rule_id in frame.context.approved_rule_ids


def _category(call: Call, name: str, path: Path | None) -> Evaluate:
    if path is None or not path.is_line_product:
        raise _unknown(call)
    ids = tuple(part.strip() for part in _quoted(call).split(",") if part.strip())
    line_of: Callable[[Frame], LineItem] = promotion_item if path.root is Root.ITEM else _filtered_line
    if name == "incategory":
        return lambda frame: any(frame.context.in_category(line_of(frame), one) is True for one in ids)
    return lambda frame: any(frame.context.in_parent_category(line_of(frame), one) is True for one in ids)


def _filtered_line(frame: Frame) -> LineItem:
    assert frame.line is not None  # a LINE path only resolves inside an items filter, which always sets it
    return frame.line


def _in(call: Call, receiver: Evaluate, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    """``value.in('a,b', 3)``: equal (as ``=`` compares) to one of the arguments; string arguments are
    comma-separated lists."""
    _arity(call, 1, 400)
    candidates = tuple(compiler.compile(argument, scope) for argument in call.args)

    def options(frame: Frame) -> Iterator[Any]:
        for candidate in candidates:
            value = candidate(frame)
            if isinstance(value, str):
                yield from (part.strip() for part in value.split(","))
            else:
                yield value

    def evaluate(frame: Frame) -> bool:
        value = receiver(frame)
        return value is not None and any(compare("=", value, option) for option in options(frame))

    return evaluate


def _array(call: Call, name: str, receiver: Evaluate, scope: Scope, compiler: NodeCompiler) -> Evaluate:
    if name == "contains":
        _arity(call, 1, 1)
        wanted = compiler.compile(call.args[0], scope)

        def contains(frame: Frame) -> bool:
            array, value = receiver(frame), wanted(frame)
            return is_array(array) and any(compare("=", normalize(element), value) for element in array)

        return contains
    _arity(call, 0, 1)
    test = compiler.compile(call.args[0], dataclasses.replace(scope, in_array_filter=True)) if call.args else None

    def outcomes(frame: Frame) -> Iterator[bool] | None:
        """Whether each element passes the filter, or None when the receiver is not an array."""
        array = receiver(frame)
        if not is_array(array):
            return None
        return (test is None or test(Frame(frame.context, frame.line, normalize(e))) is True for e in array)

    match name:
        case "any":
            return lambda frame: any(outcomes(frame) or ())
        case "all":
            return lambda frame: (found := outcomes(frame)) is not None and all(found)
        case _:
            return lambda frame: Decimal(sum(outcomes(frame) or ()))
