"""The golden table: expressions with what they evaluate to against tests/rules/world.py, and invalid expressions
with the Expression.* code and 0-based position they are refused with."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from mercato.rules import ExpressionCode, ExpressionError, compile_expression
from tests.rules.world import NOW, context

D = Decimal

VALID: list[tuple[str, Any]] = [
    # order fields, nested objects and xp; names ignore case
    ("order.Total", D("1250.75")),
    ("order.Total = 1250.75", True),
    ("ORDER.total >= 1250.75", True),
    ("-order.Total", D("-1250.75")),
    ("order.ShippingCost + order.TaxCost", D("50.75")),
    ("order.xp.a.b.c * 2 + 1", D(15)),
    ("Order.XP.A.B.C = 7", True),
    ("order.FromUser.xp.Department = 'r&d'", True),
    ("order.FromUser.Username = 'JANE'", True),
    ("order.FromUser.xp.Level * 2", D(6)),
    ("order.BillingAddress.State = 'MN'", True),
    ("order.BillingAddress.State <> 'WI'", True),
    ("order.xp.Rush = true", True),
    ("order.xp.Note = 'it''s'", True),
    ("order.xp.Budget > 1999", True),
    ("order.xp.Budget + 1", D(2001)),
    ("order.LineItemCount = items.count()", True),
    # the examples of the issue and of OrderCloud's docs
    ("order.Total > 1000 and items.any(ProductID = 'X')", True),
    ("order.approved('rule1')", True),
    ("order.approved('rule2')", False),
    ("max(order.Total * 0.1, 20)", D("125.075")),
    # items aggregates, unqualified line-item fields, product inside filters
    ("items.any(ProductID = 'Q')", False),
    ("Items.Any(productid = 'x')", True),
    ("items.all(Quantity >= 1)", True),
    ("items.all(CostCenter = 'ABC')", False),
    ("items.quantity()", D(8)),
    ("items.quantity(CostCenter <> 'ABC')", D(5)),
    ("items.count()", D(3)),
    ("items.count(Quantity > 1)", D(2)),
    ("items.total()", D(1200)),
    ("items.total(ProductID = 'X')", D(200)),
    ("items.total() = order.Subtotal", True),
    ("items.any(SupplierID = 's2')", True),
    ("items.any(xp.Color = 'BLUE')", True),
    ("items.any(xp.Sizes.contains('m'))", True),
    ("items.any(product.xp.Brand = 'acme')", True),
    ("items.any(Product.Name = 'Gadget' and Quantity = 5)", True),
    ("items.count(Product.xp.Brand = 'Acme' or ProductID = 'Z')", D(2)),
    ("items.all(product.xp.Brand <> 'Zed')", False),
    ("items.any(product.xp.Tags.contains('NEW'))", True),
    ("items.any(items.count() = 3)", True),
    # categories
    ("items.any(product.incategory('tools'))", True),
    ("items.any(product.incategory('hardware'))", False),
    ("items.count(product.incategory('sale,tools'))", D(2)),
    ("items.any(product.inparentcategory('hardware'))", True),
    ("items.any(product.inparentcategory('tools'))", True),
    ("items.count(product.inparentcategory('kids, hardware'))", D(2)),
    # min, max, now, dates
    ("min(order.Total, 1000)", D(1000)),
    ("max(1, 2)", D(2)),
    ("min('b', 'a')", "a"),
    ("min(order.xp.Missing, 1)", None),
    ("now(0) > #5/31/2024#", True),
    ("now() = now(0)", True),
    ("now(1.5)", datetime(2024, 6, 3, 0, 0, tzinfo=UTC)),
    ("now(-100) < order.DateCreated", True),
    ("order.DateCreated < #3/2/2024#", True),
    ("order.xp.Due = #6/15/2024#", True),
    ("#6/15/2024 2:30 PM#", datetime(2024, 6, 15, 14, 30, tzinfo=UTC)),
    # xp-array helpers and in(...)
    ("order.xp.Tags.contains('RUSH')", True),
    ("order.xp.Tags.contains('none')", False),
    ("order.xp.Codes.contains(2)", True),
    ("order.xp.Missing.contains('a')", False),
    ("order.xp.Tags.count()", D(3)),
    ("order.xp.Tags.count(item = 'tag*')", D(1)),
    ("order.xp.Tags.any(item = 'gift*')", True),
    ("order.xp.Tags.all(item <> 'x')", True),
    ("order.xp.Codes.all(item > 0)", True),
    ("order.xp.Codes.count(item >= 2)", D(2)),
    ("order.xp.Empty.any()", False),
    ("order.xp.Empty.all(item = 1)", True),
    ("order.xp.Missing.count()", D(0)),
    ("order.Status.in('Unsubmitted,Open')", True),
    ("order.Status.in('Open', 'Completed')", False),
    ("order.xp.a.b.c.in(1, 7)", True),
    ("order.FromUser.xp.Department.in('Sales, R&D')", True),
    # arithmetic, precedence, Decimal
    ("2 + 3 * 4", D(14)),
    ("(2 + 3) * 4", D(20)),
    ("10 - 4 - 3", D(3)),
    ("2 * -3", D(-6)),
    ("1 / 4", D("0.25")),
    ("10 % 3", D(1)),
    ("-7 % 3", D(-1)),
    ("0.1 + 0.2 = 0.3", True),
    ("order.xp.Tenth * 3", D("0.3")),
    # logic and null
    ("TRUE AND NOT FALSE", True),
    ("not order.xp.Rush", False),
    ("not order.xp.Missing", True),
    ("order.xp.Missing = 1", False),
    ("order.xp.Missing <> 1", False),
    ("order.xp.Missing + 1", None),
    ("true or 1 / 0 = 1", True),
    ("false and 1 / 0 = 1", False),
    ("order.xp.Tags.any(item = 'rush') or order.Total < 0", True),
]

C = ExpressionCode
INVALID: list[tuple[str, ExpressionCode, int]] = [
    ("", C.EMPTY, 0),
    ("   ", C.EMPTY, 0),
    ("x" * 401, C.TOO_LONG, 400),
    ("order.Total >", C.INVALID_SYNTAX, 13),
    ("order.Total > 1000 and", C.INVALID_SYNTAX, 22),
    ("1 = 2 = 3", C.INVALID_SYNTAX, 6),
    ("(order.Total > 1", C.INVALID_SYNTAX, 16),
    ("order.Total > 1)", C.INVALID_SYNTAX, 15),
    ("and order.Total", C.INVALID_SYNTAX, 0),
    ("order..Total", C.INVALID_SYNTAX, 6),
    ("order.", C.INVALID_SYNTAX, 6),
    ("order.1", C.INVALID_SYNTAX, 6),
    ("1 2", C.INVALID_SYNTAX, 2),
    ("order.Total =< 1", C.INVALID_SYNTAX, 13),
    ("items.any(ProductID = 'X'", C.INVALID_SYNTAX, 25),
    ("not " * 70 + "true", C.INVALID_SYNTAX, 260),
    ("order.Totl > 1", C.INVALID_TOKEN, 6),
    ("order.Total.Foo", C.INVALID_TOKEN, 12),
    ("foo.Bar = 1", C.INVALID_TOKEN, 0),
    ("product.xp.a = 1", C.INVALID_TOKEN, 0),
    ("items.any(Colour = 'red')", C.INVALID_TOKEN, 10),
    ("order.xp.a = 'abc", C.INVALID_TOKEN, 13),
    ('order.xp.a = "x"', C.INVALID_TOKEN, 13),
    ("order.Total > #13/45/2024#", C.INVALID_TOKEN, 14),
    ("order.Total > #6/1/2024", C.INVALID_TOKEN, 14),
    ("order.Total $ 5", C.INVALID_TOKEN, 12),
    ("items", C.INVALID_FUNCTION, 0),
    ("items.sum(Quantity)", C.INVALID_FUNCTION, 6),
    ("nosuch(1)", C.INVALID_FUNCTION, 0),
    ("approved('x')", C.INVALID_FUNCTION, 0),
    ("order.incategory('a')", C.INVALID_FUNCTION, 6),
    ("order.Total.contains(1)", C.INVALID_FUNCTION, 12),
    ("order.approved(rule1)", C.INVALID_ARGUMENTS, 15),
    ("order.approved()", C.INVALID_ARGUMENTS, 6),
    ("order.approved('a', 'b')", C.INVALID_ARGUMENTS, 6),
    ("items.any(product.incategory(''))", C.INVALID_ARGUMENTS, 29),
    ("min(1)", C.INVALID_ARGUMENTS, 0),
    ("max(1, 2, 3)", C.INVALID_ARGUMENTS, 0),
    ("now('x')", C.INVALID_ARGUMENTS, 4),
    ("order.xp.Tags.contains()", C.INVALID_ARGUMENTS, 14),
    ("order.xp.Tags.any(1, 2)", C.INVALID_ARGUMENTS, 14),
    ("order.Status.in()", C.INVALID_ARGUMENTS, 13),
    ("item.ProductID = 'X'", C.ITEM_NOT_ALLOWED, 0),
]


def test_the_table_is_golden_sized_and_exercises_every_function() -> None:
    assert len(VALID) + len(INVALID) >= 60
    called = {name.casefold() for text, _ in VALID for name in re.findall(r"(\w+)\s*\(", text)}
    functions = "any all quantity count total incategory inparentcategory approved min max now contains in"
    assert set(functions.split()) <= called
    assert {code for _, code, _ in INVALID} >= set(ExpressionCode) - {
        C.ITEM_REQUIRED,  # line-item promotions: tests/rules/test_evaluation.py
        C.DIVIDE_BY_ZERO,  # the rest are evaluation-time codes
        C.TYPE_MISMATCH,
        C.NUMBER_OUT_OF_RANGE,
        C.ITEM_UNAVAILABLE,
    }


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[text for text, _ in VALID])
def test_valid(text: str, expected: Any) -> None:
    value = compile_expression(text).evaluate(context())
    assert type(value) is type(expected)
    assert value == expected
    if isinstance(value, Decimal):
        assert str(value) == str(expected)  # the same digits, not merely an equal number
    if isinstance(value, datetime):
        assert value.tzinfo is UTC


@pytest.mark.parametrize(("text", "code", "position"), INVALID, ids=[text[:40] for text, _, _ in INVALID])
def test_invalid(text: str, code: ExpressionCode, position: int) -> None:
    with pytest.raises(ExpressionError) as raised:
        compile_expression(text)
    assert (raised.value.code, raised.value.position) == (code, position), raised.value.message
    assert raised.value.message


def test_now_is_the_contexts_clock() -> None:
    assert compile_expression("now(0)").evaluate(context()) == NOW
