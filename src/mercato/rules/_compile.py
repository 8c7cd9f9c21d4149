"""Syntax tree to closures. Compiling checks everything that can be known without an order (roots, fields,
functions and where they apply, arity, the use of ``item``) and yields a CompiledExpression whose evaluation
is a walk over plain Python closures."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from enum import Enum
from typing import Any

from mercato.rules._context import Evaluate, Frame, RuleContext, Scope
from mercato.rules._errors import ExpressionCode, ExpressionError
from mercato.rules._functions import compile_call
from mercato.rules._nodes import Arithmetic, Call, Comparison, Literal, Logical, Member, Minus, Name, Negate, Node
from mercato.rules._operators import arithmetic, compare, negative, wildcard
from mercato.rules._paths import read, resolve
from mercato.rules._syntax import parse

MAX_DEPTH = 64
"""Nesting deeper than this (``------1``, ``not not not …``) is refused, so compiling and evaluating never
approach Python's recursion limit; 400 characters of real rules nest a handful of levels."""

_CACHE_SIZE = 1024


class ItemUse(Enum):
    """Whether ``item`` (the one line item a line-item promotion is evaluated for) may appear."""

    ALLOWED = "allowed"  # ValueExpression of a line-item promotion
    REQUIRED = "required"  # EligibleExpression of a line-item promotion (Expression.ItemRequired)
    FORBIDDEN = "forbidden"  # approval rules, order-level promotions (Expression.ItemNotAllowed)


@dataclass(frozen=True, eq=False)
class CompiledExpression:
    """A checked expression, ready to evaluate any number of times (it is immutable and thread-safe)."""

    text: str
    uses_item: bool
    _evaluate: Evaluate

    def evaluate(self, context: RuleContext) -> Any:
        """The expression's value: a bool, Decimal, str, timezone-aware datetime, None (null), or the mapping or
        sequence a path names. Raises EvaluationError (see its doc), nothing else of its own."""
        return self._evaluate(Frame(context))

    def is_true(self, context: RuleContext) -> bool:
        """Whether the expression is exactly true: null, false and non-boolean values are not."""
        return self.evaluate(context) is True


def compile_expression(text: str, item: ItemUse = ItemUse.FORBIDDEN) -> CompiledExpression:
    """Parse and check ``text``; cached per (text, item), so callers may compile on every use. ``item`` says
    whether the promotion token ``item`` may appear; the default forbids it (approval rules, order-level promotions).

    Raises ExpressionError(code, message, position) when ``text`` is not a valid expression."""
    return _compile(text, item)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _compile(text: str, item: ItemUse) -> CompiledExpression:
    compiler = _Compiler()
    evaluate = compiler.compile(parse(text), Scope())
    if item is ItemUse.FORBIDDEN and compiler.item_positions:
        raise ExpressionError(
            ExpressionCode.ITEM_NOT_ALLOWED,
            "item (one line item) is only allowed in line-item promotions; use items.any(…) and friends",
            compiler.item_positions[0],
        )
    if item is ItemUse.REQUIRED and not compiler.item_positions:
        raise ExpressionError(
            ExpressionCode.ITEM_REQUIRED, "A line-item promotion's expression must use item (e.g. item.ProductID)", 0
        )
    return CompiledExpression(text, bool(compiler.item_positions), evaluate)


class _Compiler:
    def __init__(self) -> None:
        self.item_positions: list[int] = []

    def saw_item(self, position: int) -> None:
        self.item_positions.append(position)

    def compile(self, node: Node, scope: Scope) -> Evaluate:
        if scope.depth > MAX_DEPTH:
            raise ExpressionError(
                ExpressionCode.INVALID_SYNTAX, f"The expression nests more than {MAX_DEPTH} levels deep", node.position
            )
        inner = dataclasses.replace(scope, depth=scope.depth + 1)
        match node:
            case Literal(value=value):
                return lambda frame: value
            case Name() | Member():
                return read(resolve(node, scope, self))
            case Call():
                return compile_call(node, inner, self)
            case Negate(operand=operand):
                return self._negate(self.compile(operand, inner))
            case Minus(operand=operand):
                return self._minus(self.compile(operand, inner))
            case Logical():
                return self._logical(node, inner)
            case Arithmetic():
                return self._arithmetic(node, inner)
            case Comparison():
                return self._comparison(node, inner)

    @staticmethod
    def _negate(operand: Evaluate) -> Evaluate:
        return lambda frame: operand(frame) is not True

    @staticmethod
    def _minus(operand: Evaluate) -> Evaluate:
        return lambda frame: negative(operand(frame))

    def _logical(self, node: Logical, scope: Scope) -> Evaluate:
        operands = tuple(self.compile(operand, scope) for operand in node.operands)
        if node.operator == "and":
            return lambda frame: all(operand(frame) is True for operand in operands)
        return lambda frame: any(operand(frame) is True for operand in operands)

    def _arithmetic(self, node: Arithmetic, scope: Scope) -> Evaluate:
        first = self.compile(node.first, scope)
        steps = tuple((operator, self.compile(operand, scope)) for operator, operand in node.rest)

        def evaluate(frame: Frame) -> Any:
            value = first(frame)
            for operator, operand in steps:
                value = arithmetic(operator, value, operand(frame))
            return value

        return evaluate

    def _comparison(self, node: Comparison, scope: Scope) -> Evaluate:
        operator = node.operator
        pattern = _wildcard_side(node) if scope.in_array_filter and operator in ("=", "<>") else None
        if pattern is not None:
            # Inside an array filter, 'tag*' = item matches any text that starts with tag (OrderCloud's docs).
            matches = wildcard(pattern.value)
            other = self.compile(node.left if pattern is node.right else node.right, scope)

            def matched(frame: Frame) -> bool:
                value = other(frame)
                if not isinstance(value, str):
                    return compare(operator, value, pattern.value)
                return matches(value) is (operator == "=")

            return matched
        left, right = self.compile(node.left, scope), self.compile(node.right, scope)
        return lambda frame: compare(operator, left(frame), right(frame))


def _wildcard_side(node: Comparison) -> Literal | None:
    for side in (node.right, node.left):
        if isinstance(side, Literal) and isinstance(side.value, str) and "*" in side.value:
            return side
    return None
