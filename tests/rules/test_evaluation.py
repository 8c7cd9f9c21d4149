"""Evaluation edge cases: errors at evaluation time, null semantics, Decimal precision, case-insensitivity, the
400-character limit, caching, and the seam for line-item promotions (``item``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from mercato.rules import (
    MAX_LENGTH,
    EvaluationError,
    ExpressionCode,
    ExpressionError,
    ItemUse,
    RuleContext,
    compile_expression,
)
from tests.rules.world import LINES, ORDER, context


def evaluate(text: str, **changes: Any) -> Any:
    return compile_expression(text).evaluate(context(**changes))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1 / 0", ExpressionCode.DIVIDE_BY_ZERO),
        ("order.Total / order.xp.Zero", ExpressionCode.DIVIDE_BY_ZERO),
        ("order.Total % (order.xp.Zero * 5)", ExpressionCode.DIVIDE_BY_ZERO),
        ("items.any(Quantity / 0 > 1)", ExpressionCode.DIVIDE_BY_ZERO),
        ("order.Status + 1", ExpressionCode.TYPE_MISMATCH),
        ("-order.FromUser", ExpressionCode.TYPE_MISMATCH),
        ("min(order.Total, 'a')", ExpressionCode.TYPE_MISMATCH),
        ("now(order.Status) > now(0)", ExpressionCode.TYPE_MISMATCH),
        ("order.xp.Huge * order.xp.Huge", ExpressionCode.NUMBER_OUT_OF_RANGE),
        ("order.xp.Huge % 7", ExpressionCode.NUMBER_OUT_OF_RANGE),
        ("now(order.xp.Huge)", ExpressionCode.NUMBER_OUT_OF_RANGE),
    ],
)
def test_values_that_cannot_be_computed_raise_evaluation_error(text: str, code: ExpressionCode) -> None:
    compiled = compile_expression(text)  # valid text: the failure belongs to these values
    with pytest.raises(EvaluationError) as raised:
        compiled.evaluate(context())
    assert raised.value.code is code
    assert raised.value.message


def test_a_missing_xp_key_is_null_all_the_way_down() -> None:
    for text in ("order.xp.Nope", "order.xp.Nope.Deeper.Still", "order.xp.a.b.c.d", "order.FromUser.xp.Nope"):
        assert evaluate(text) is None
    # null compares false with everything (<> too), stays null through arithmetic, and is not true
    for text in ("order.xp.Nope = 1", "order.xp.Nope <> 1", "order.xp.Nope < 1", "order.xp.Nope = order.xp.Nope2"):
        assert evaluate(text) is False
    assert evaluate("order.xp.Nope * 2 + 1") is None
    assert evaluate("not (order.xp.Nope = 1)") is True
    assert compile_expression("order.xp.Nope").is_true(context()) is False
    # an order without xp at all, and a line whose product has no xp
    assert evaluate("order.xp.Budget > 1", order={"Total": 5}) is False
    assert evaluate("items.count(product.xp.Brand = 'Acme')") == 1


def test_aggregates_skip_missing_numbers_and_treat_an_empty_order_sensibly() -> None:
    lines = [{"ProductID": "A"}, {"ProductID": "B", "Quantity": "3", "LineSubtotal": 9.99}]
    assert evaluate("items.quantity()", line_items=lines) == Decimal(3)
    assert evaluate("items.total()", line_items=lines) == Decimal("9.99")
    assert evaluate("items.any()", line_items=[]) is False
    assert evaluate("items.all(Quantity > 100)", line_items=[]) is True  # vacuously, as LINQ's All
    assert evaluate("items.total()", line_items=[]) == Decimal(0)


def test_decimal_precision() -> None:
    assert evaluate("0.1 + 0.2") == Decimal("0.3")
    assert evaluate("order.xp.Tenth + order.xp.Tenth + order.xp.Tenth = 0.3") is True  # 0.1 the float
    assert evaluate("order.xp.Big + 1") == Decimal("1234567890123456789012345678901235")  # 34 digits, exact
    assert evaluate("-order.xp.Big") == Decimal("-1234567890123456789012345678901234")
    assert evaluate("1 / 3") == Decimal("0." + "3" * 34)
    assert evaluate("19.99 * 3") == Decimal("59.97")
    assert type(evaluate("items.count()")) is Decimal


def test_keywords_functions_and_fields_ignore_case() -> None:
    for text in (
        "ORDER.TOTAL > 1000 AND ITEMS.ANY(PRODUCTID = 'X')",
        "order.total > 1000 aNd items.aNy(productID = 'x') Or FaLsE",
        "NoT ORDER.XP.MISSING",
        "Items.Any(Product.InCategory('tools')) and Items.Any(PRODUCT.INPARENTCATEGORY('kids'))",
        "ORDER.APPROVED('rule1') and MIN(1, 2) = 1 and MAX(1, 2) = 2 and NOW(0) > #1/1/2020#",
        "ORDER.XP.TAGS.CONTAINS('rush') and order.xp.tags.COUNT() = 3 and ORDER.STATUS.IN('unsubmitted')",
    ):
        assert evaluate(text) is True, text
    # a keyword after a dot is a field name, not an operator
    order = {"xp": {"Not": 1, "and": 2, "TRUE": 3}}
    assert evaluate("order.xp.not + order.xp.AND + order.xp.true", order=order) == Decimal(6)


def test_the_400_character_limit_counts_every_character() -> None:
    body = "order.Total > 1"
    exact = body + " " * (MAX_LENGTH - len(body))
    assert compile_expression(exact).is_true(context())
    for text in (exact + " ", " " + exact, "(" * 200 + "1" + ")" * 201):
        with pytest.raises(ExpressionError) as raised:
            compile_expression(text)
        assert raised.value.code is ExpressionCode.TOO_LONG
        assert raised.value.position == MAX_LENGTH


def test_compiling_is_cached_per_text_and_item_use() -> None:
    text = "order.Total > 1000 and items.any(ProductID = 'X')"
    assert compile_expression(text) is compile_expression(text)
    assert compile_expression(text, ItemUse.ALLOWED) is not compile_expression(text, ItemUse.FORBIDDEN)


def test_deep_but_flat_chains_compile_and_deep_nesting_is_refused() -> None:
    assert evaluate(" and ".join(["true"] * 40)) is True  # 40 operands in one flat node: no nesting
    assert evaluate("+".join(["1"] * 150)) == Decimal(150)
    assert evaluate("(" * 150 + "1" + ")" * 150) == Decimal(1)
    with pytest.raises(ExpressionError) as raised:
        compile_expression("-" * 100 + "1")
    assert raised.value.code is ExpressionCode.INVALID_SYNTAX


def test_item_is_the_line_item_of_a_line_item_promotion() -> None:
    eligible = compile_expression("item.ProductID = 'Y' and item.product.incategory('sale')", ItemUse.REQUIRED)
    assert eligible.uses_item
    assert [eligible.is_true(context().for_line_item(line)) for line in LINES] == [False, True, False]
    value = compile_expression("item.LineSubtotal * .15", ItemUse.ALLOWED)
    assert value.evaluate(context(line_item=LINES[1])) == Decimal("112.50")
    with pytest.raises(EvaluationError) as unbound:
        value.evaluate(context())
    assert unbound.value.code is ExpressionCode.ITEM_UNAVAILABLE
    with pytest.raises(ExpressionError) as required:
        compile_expression("order.Total > 1", ItemUse.REQUIRED)
    assert required.value.code is ExpressionCode.ITEM_REQUIRED
    # inside an array filter, item is the element, so it is allowed anywhere
    assert not compile_expression("order.xp.Tags.any(item = 'rush')").uses_item


def test_the_context_wants_an_aware_clock_and_keeps_it_in_utc() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        RuleContext(order=ORDER, now=datetime(2024, 1, 1))  # noqa: DTZ001
    moment = datetime.fromisoformat("2024-06-01T14:00:00+02:00")
    assert evaluate("now(0) = #6/1/2024 12:00#", now=moment) is True


def test_is_true_is_only_for_true() -> None:
    for text in ("1", "'true'", "order.xp.Missing", "order.xp.Tags", "false"):
        assert compile_expression(text).is_true(context()) is False


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
def test_dates_outside_utc_are_text_not_a_crash(moment: str) -> None:
    """A date string that names no instant in UTC is compared as text (no OverflowError reaches the caller)."""
    changed = dict(ORDER) | {"xp": {**ORDER["xp"], "Need": moment, "Tags": [moment]}}
    assert compile_expression("order.xp.Need < now(7)").evaluate(context(order=changed)) in (True, False, None)
    assert compile_expression("order.xp.Tags.contains('x')").is_true(context(order=changed)) is False


def test_wildcards_match_long_texts_without_backtracking() -> None:
    """A pattern with many stars against a long buyer-written text answers (a backtracking regex would not, in
    any reasonable time), and stars still match what they should."""
    changed = dict(ORDER) | {"xp": {**ORDER["xp"], "Tags": ["ab" * 8000, "XaYbZ"]}}
    assert compile_expression("order.xp.Tags.any(item = '*a*b*c*d*e*f*')").is_true(context(order=changed)) is False
    assert compile_expression("order.xp.Tags.any(item = 'x*a*b*')").is_true(context(order=changed)) is True
