"""The rules engine: OrderCloud's expression language for approval rules and promotions (SEMANTICS.md §6.4;
docs/decisions/0019-rules-engine.md). Pure: it imports nothing of Mercato and reads no database.

    rule = compile_expression("order.Total > 1000 and items.any(CostCenter = 'R&D')")
    rule.is_true(RuleContext(order=order, line_items=lines, now=clock.now()))

``compile_expression`` raises ExpressionError(code, message, position) for text that is not a valid expression;
``evaluate``/``is_true`` raise EvaluationError(code, message) for values that cannot be computed (a division by
zero, arithmetic on text). Both carry OrderCloud-style ``Expression.*`` codes (ExpressionCode).
"""

from mercato.rules._compile import MAX_DEPTH, CompiledExpression, ItemUse, compile_expression
from mercato.rules._context import CategoryTest, LineItem, RuleContext
from mercato.rules._errors import EvaluationError, ExpressionCode, ExpressionError, RulesError
from mercato.rules._syntax import MAX_LENGTH

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "CategoryTest",
    "CompiledExpression",
    "EvaluationError",
    "ExpressionCode",
    "ExpressionError",
    "ItemUse",
    "LineItem",
    "RuleContext",
    "RulesError",
    "compile_expression",
]
