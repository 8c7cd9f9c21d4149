"""The seam to the rules engine (ARCHITECTURE.md: one Lark grammar shared by approval rules and promotions).

Until it exists, a RuleExpression is only checked for what the contract states: present, not blank, at most 400
characters. The rules-engine issue replaces ``validate_rule_expression`` with a parse that raises OrderCloud's
``Expression.*`` errors (InvalidSyntax, InvalidToken, InvalidFunction …) as 400s naming the field. It is applied
to what callers send, never to stored rules, so a stricter grammar cannot make a stored rule unreadable.
"""

from __future__ import annotations

from mercato.errors import ValidationFailure
from mercato.resources.approval_rules.schemas import RULE_EXPRESSION_LENGTH

FIELD = "RuleExpression"


def validate_rule_expression(text: str) -> str:
    """The expression to store, or a 400 ValidationFailure naming RuleExpression."""
    if not text.strip():
        raise ValidationFailure("RuleExpression is required", FIELD)
    if len(text) > RULE_EXPRESSION_LENGTH:
        raise ValidationFailure(f"RuleExpression is limited to {RULE_EXPRESSION_LENGTH} characters", FIELD)
    return text
