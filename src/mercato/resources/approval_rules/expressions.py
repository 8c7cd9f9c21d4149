"""The seam to the rules engine: a RuleExpression is compiled when a rule is created, saved or patched, so a rule
that could never be evaluated is refused with OrderCloud's ``Expression.*`` error rather than stored (RN v1.0.54).

Blank and over-long text stays a ValidationFailure naming the field, as the schema's own length checks answer.
Compiling is cached by the engine, so the submit path can compile the stored text again at no cost. Checks apply
to what callers send, never to stored rules, so a stricter grammar later cannot make a stored rule unreadable.
"""

from __future__ import annotations

from mercato.errors import InvalidExpression, ValidationFailure
from mercato.resources.approval_rules.schemas import RULE_EXPRESSION_LENGTH
from mercato.rules import ExpressionError, ItemUse, compile_expression

FIELD = "RuleExpression"


def validate_rule_expression(text: str) -> str:
    """The expression to store, or a 400: ValidationFailure when blank or too long, InvalidExpression (the
    engine's Expression.* code, Data {Field, Position}) when it does not compile."""
    if not text.strip():
        raise ValidationFailure("RuleExpression is required", FIELD)
    if len(text) > RULE_EXPRESSION_LENGTH:
        raise ValidationFailure(f"RuleExpression is limited to {RULE_EXPRESSION_LENGTH} characters", FIELD)
    try:
        # Approval rules see the whole order: the promotion-only token `item` is refused (Expression.ItemNotAllowed).
        compile_expression(text, ItemUse.FORBIDDEN)
    except ExpressionError as error:
        raise InvalidExpression(error.code, error.message, FIELD, error.position) from None
    return text
