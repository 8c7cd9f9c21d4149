"""Whatever text arrives, compiling gives a CompiledExpression or an ExpressionError with a position inside the
text; and whatever compiles, evaluating gives a value or an EvaluationError, never another exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mercato.rules import (
    MAX_LENGTH,
    CompiledExpression,
    EvaluationError,
    ExpressionCode,
    ExpressionError,
    ItemUse,
    compile_expression,
)
from tests.rules.world import LINES, context

TOKENS = st.sampled_from(
    [
        *("order", "items", "item", "product", "xp", "Total", "Status", "Tags", "Codes", "Huge", "Zero", "a", "b"),
        *("ProductID", "Quantity", "LineSubtotal", "Product", "FromUser", "DateCreated", "Nope"),
        *("any", "all", "count", "quantity", "total", "contains", "in", "incategory", "inparentcategory"),
        *("approved", "min", "max", "now"),
        *(".", "(", ")", ",", "=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"),
        *("and", "or", "not", "true", "false", "AND", "Not"),
        *("'x'", "'tag*'", "'rule1'", "'tools,sale'", "''", "'", "#", "#6/15/2024#", "#2/30/2024#", "#x#"),
        *("0", "1", "2.5", ".5", "1e5", "99999999999999999999999999999999999999"),
    ]
)
SOUP = st.lists(st.tuples(TOKENS, st.sampled_from(["", " ", "  "])), max_size=40).map(
    lambda parts: "".join(token + gap for token, gap in parts)
)

# Well-formed expressions, built bottom-up, so that most of them compile and get evaluated.
LEAVES = st.sampled_from(
    [
        *("order.Total", "order.xp.a.b.c", "order.xp.Budget", "order.xp.Nope", "order.Status", "order.xp.Zero"),
        *("order.xp.Huge", "order.DateCreated", "order.FromUser.xp.Level", "order.xp.Tags", "order.xp.Codes"),
        *("items.count()", "items.total()", "items.quantity(Quantity > 1)", "now(-1)", "#6/15/2024#"),
        *("0", "1", "2.5", "'x'", "'tag*'", "true", "false", "item.Quantity"),
    ]
)


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "%", "=", "<>", "<", ">=", "and", "or"]), inner)
    return st.one_of(
        binary.map(lambda parts: f"({parts[0]} {parts[1]} {parts[2]})"),
        inner.map(lambda x: f"not {x}"),
        inner.map(lambda x: f"-{x}"),
        st.tuples(inner, inner).map(lambda pair: f"min({pair[0]}, {pair[1]})"),
        st.tuples(inner, inner).map(lambda pair: f"max({pair[0]}, {pair[1]})"),
        inner.map(lambda x: f"now({x})"),
        inner.map(lambda x: f"items.any(Quantity > {x})"),
        inner.map(lambda x: f"items.total(LineSubtotal >= {x} or product.incategory('tools'))"),
        inner.map(lambda x: f"order.xp.Tags.count(item = {x})"),
        inner.map(lambda x: f"order.xp.Codes.contains({x})"),
        inner.map(lambda x: f"{x}.in('1,x', 2)"),
    )


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=12)


def _check_compile(text: str, item: ItemUse) -> CompiledExpression | None:
    try:
        return compile_expression(text, item)
    except ExpressionError as error:
        refused = error
    assert isinstance(refused.code, ExpressionCode)
    assert 0 <= refused.position <= len(text)
    assert refused.message
    assert refused.code is ExpressionCode.TOO_LONG or len(text) <= MAX_LENGTH
    return None


def _check_evaluate(compiled: CompiledExpression) -> None:
    for world in (context(), context(line_item=LINES[0]), context(line_items=[], order={})):
        failed: EvaluationError | None = None
        try:
            compiled.evaluate(world)
        except EvaluationError as error:
            failed = error
        assert failed is None or isinstance(failed.code, ExpressionCode)


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=MAX_LENGTH + 20))
def test_any_text_compiles_or_raises_expression_error(text: str) -> None:
    compiled = _check_compile(text, ItemUse.FORBIDDEN)
    if compiled is not None:
        _check_evaluate(compiled)


@settings(max_examples=600, deadline=None)
@given(text=SOUP, item=st.sampled_from(ItemUse))
def test_any_token_soup_compiles_or_raises_expression_error(text: str, item: ItemUse) -> None:
    compiled = _check_compile(text, item)
    if compiled is not None:
        _check_evaluate(compiled)


@settings(max_examples=400, deadline=None)
@given(text=EXPRESSIONS)
def test_well_formed_expressions_evaluate_or_raise_evaluation_error(text: str) -> None:
    compiled = _check_compile(text, ItemUse.ALLOWED)
    if compiled is not None:
        _check_evaluate(compiled)
