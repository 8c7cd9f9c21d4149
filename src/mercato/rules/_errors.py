"""The two ways an expression can fail: when it is compiled (the text is not a valid expression) and when it is
evaluated (the text is valid, but these values cannot be computed). Codes are OrderCloud's ``Expression.*`` names
where its SDK lists one, ours otherwise (docs/decisions/0019-rules-engine.md)."""

from __future__ import annotations

from enum import StrEnum


class ExpressionCode(StrEnum):
    # Compile time. The first six are OrderCloud's (.NET SDK ErrorCodes); EMPTY and TOO_LONG are ours.
    INVALID_SYNTAX = "Expression.InvalidSyntax"
    INVALID_TOKEN = "Expression.InvalidToken"
    INVALID_FUNCTION = "Expression.InvalidFunction"
    INVALID_ARGUMENTS = "Expression.InvalidArguments"
    ITEM_NOT_ALLOWED = "Expression.ItemNotAllowed"
    ITEM_REQUIRED = "Expression.ItemRequired"
    EMPTY = "Expression.Empty"
    TOO_LONG = "Expression.TooLong"
    # Evaluation time (all ours: OrderCloud documents none).
    DIVIDE_BY_ZERO = "Expression.DivideByZero"
    TYPE_MISMATCH = "Expression.TypeMismatch"
    NUMBER_OUT_OF_RANGE = "Expression.NumberOutOfRange"
    ITEM_UNAVAILABLE = "Expression.ItemUnavailable"


class RulesError(Exception):
    """Base of both errors; ``code`` is an ``Expression.*`` value, ``message`` says what is wrong in words."""

    def __init__(self, code: ExpressionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ExpressionError(RulesError):
    """The text is not a valid expression. ``position`` is the 0-based character offset of the offending part
    (the text's length for an unexpected end)."""

    def __init__(self, code: ExpressionCode, message: str, position: int) -> None:
        super().__init__(code, message)
        self.position = position

    def __repr__(self) -> str:
        return f"ExpressionError({self.code.value!r}, {self.message!r}, {self.position})"


class EvaluationError(RulesError):
    """A valid expression could not be computed over these values: a division by zero, arithmetic on a value that
    is not a number, a number too large, or ``item`` evaluated without a line item in the context."""

    def __repr__(self) -> str:
        return f"EvaluationError({self.code.value!r}, {self.message!r})"
