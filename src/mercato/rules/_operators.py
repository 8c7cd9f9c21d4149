"""What the operators do with normalised values (see _values).

* Comparisons: anything compared with null (a missing field or xp key) is false, ``<>`` included. Numbers compare
  as numbers (a string that spells a number is read as one when compared with a number), strings ignore case,
  datetimes compare with datetimes and with strings that spell a date (ISO or US ``6/15/2016``). Values of kinds
  that do not compare (a string with a boolean, an array with anything) are unequal: ``=`` is false, ``<>`` true,
  orderings false. Booleans are only equal or unequal.
* Arithmetic is Decimal; null in, null out; a non-number raises ``Expression.TypeMismatch``, a zero divisor
  ``Expression.DivideByZero``.
* Logic: only ``true`` is true. Null, numbers and strings count as false, so ``not order.xp.Missing`` is true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Context, Decimal, DecimalException, DivisionByZero, InvalidOperation, Overflow, localcontext
from typing import Any

from mercato.rules._errors import EvaluationError, ExpressionCode
from mercato.rules._values import parse_datetime, parse_number

# 34 significant digits (IEEE decimal128), so money sums and divisions stay exact far beyond any order's totals.
_ARITHMETIC = Context(prec=34, traps=[InvalidOperation, DivisionByZero, Overflow])

_ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda left, right: bool(left < right),
    ">": lambda left, right: bool(left > right),
    "<=": lambda left, right: bool(left <= right),
    ">=": lambda left, right: bool(left >= right),
}


def compare(operator: str, left: Any, right: Any) -> bool:
    if left is None or right is None:
        return False
    pair = _comparable(left, right)
    if pair is None:
        return operator == "<>"
    left, right = pair
    if operator == "=":
        return bool(left == right)
    if operator == "<>":
        return bool(left != right)
    if isinstance(left, bool):
        return False
    return _ORDERINGS[operator](left, right)


def _comparable(left: Any, right: Any) -> tuple[Any, Any] | None:
    """The two values in one comparable kind, or None when their kinds do not compare."""
    if isinstance(left, bool) or isinstance(right, bool):
        return (left, right) if isinstance(left, bool) and isinstance(right, bool) else None
    if isinstance(left, str) and isinstance(right, str):
        return left.casefold(), right.casefold()
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        numbers = _as_number(left), _as_number(right)
        return None if numbers[0] is None or numbers[1] is None else numbers
    if isinstance(left, datetime) or isinstance(right, datetime):
        moments = _as_datetime(left), _as_datetime(right)
        return None if moments[0] is None or moments[1] is None else moments
    return None


def _as_number(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    return parse_number(value) if isinstance(value, str) else None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    return parse_datetime(value) if isinstance(value, str) else None


def wildcard(pattern: str) -> Callable[[str], bool]:
    """``'tag*'``: ``*`` stands for any run of characters; case is ignored, as in every string comparison.

    Matched without backtracking: the first part must start the text, the last end it, and the parts between are
    found left to right, each at its earliest place (which is always safe for ``*`` alone). A regex with one
    ``.*`` per star can take exponential time on long texts (patterns are written by admins, texts by buyers)."""
    if "*" not in pattern:
        exact = pattern.casefold()
        return lambda text: text.casefold() == exact
    first, *middle, last = [part.casefold() for part in pattern.split("*")]

    def matches(text: str) -> bool:
        folded = text.casefold()
        if len(folded) < len(first) + len(last) or not folded.startswith(first) or not folded.endswith(last):
            return False
        position, end = len(first), len(folded) - len(last)
        for part in middle:
            found = folded.find(part, position, end)
            if found < 0:
                return False
            position = found + len(part)
        return True

    return matches


def number(value: Any, operator: str) -> Decimal | None:
    """An arithmetic operand: a Decimal, a string spelling one, or None (null); anything else is an error."""
    if value is None:
        return None
    found = _as_number(value)
    if found is None:
        raise EvaluationError(ExpressionCode.TYPE_MISMATCH, f"'{operator}' needs numbers, not {describe(value)}")
    return found


def arithmetic(operator: str, left: Any, right: Any) -> Decimal | None:
    a, b = number(left, operator), number(right, operator)
    if a is None or b is None:
        return None
    if operator in "/%" and b == 0:
        raise EvaluationError(ExpressionCode.DIVIDE_BY_ZERO, f"'{operator}' by zero")
    try:
        with localcontext(_ARITHMETIC):
            match operator:
                case "+":
                    return a + b
                case "-":
                    return a - b
                case "*":
                    return a * b
                case "/":
                    return a / b
                case _:  # % keeps the sign of the dividend, as in C#
                    return a % b
    except DecimalException as error:
        message = f"'{operator}' gives a number out of range"
        raise EvaluationError(ExpressionCode.NUMBER_OUT_OF_RANGE, message) from error


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of line amounts (items.quantity, items.total)."""
    try:
        with localcontext(_ARITHMETIC):
            return sum(amounts, Decimal(0))
    except DecimalException as error:
        raise EvaluationError(ExpressionCode.NUMBER_OUT_OF_RANGE, "A sum of line items is out of range") from error


def negative(value: Any) -> Decimal | None:
    found = number(value, "-")
    # copy_negate, not unary minus: the latter rounds to the ambient context's 28 digits.
    return None if found is None else found.copy_negate()


def extreme(name: str, left: Any, right: Any) -> Any:
    """min/max of two values of one comparable kind; null when either is null."""
    if left is None or right is None:
        return None
    if isinstance(left, bool) or _comparable(left, right) is None:
        raise EvaluationError(
            ExpressionCode.TYPE_MISMATCH, f"{name}() cannot compare {describe(left)} with {describe(right)}"
        )
    left_wins = compare("<=", left, right) if name == "min" else compare(">=", left, right)
    return left if left_wins else right


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date"
    if isinstance(value, Decimal):
        return "a number"
    return "an object or array"
