"""The fixed order every rules test evaluates against: three lines, a category tree, one approved rule."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from mercato.rules import LineItem, RuleContext

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)

ORDER: dict[str, Any] = {
    "ID": "o1",
    "Status": "Unsubmitted",
    "DateCreated": "2024-03-01T10:00:00Z",
    "LineItemCount": 3,
    "Subtotal": 1200,
    "ShippingCost": 30.25,  # floats as JSON gives them; the engine reads them as the decimals they print as
    "TaxCost": 20.5,
    "Total": 1250.75,
    "FromUser": {"ID": "u1", "Username": "jane", "xp": {"Department": "R&D", "Level": 3}},
    "BillingAddress": {"City": "Minneapolis", "State": "MN", "Country": "US"},
    "xp": {
        "a": {"b": {"c": 7}},
        "Tags": ["rush", "gift-wrap", "Tag1"],
        "Codes": [1, 2, 3],
        "Empty": [],
        "Budget": "2000",
        "Rush": True,
        "Note": "it's",
        "Due": "2024-06-15",
        "Zero": 0,
        "Tenth": 0.1,
        "Big": Decimal("1234567890123456789012345678901234"),
        "Huge": Decimal("9E+999999"),
    },
}

LINES: list[dict[str, Any]] = [
    {
        "ID": "l1",
        "ProductID": "X",
        "Quantity": 2,
        "UnitPrice": 100,
        "LineSubtotal": 200,
        "PromotionDiscount": 20,
        "LineTotal": 180,
        "CostCenter": "ABC",
        "SupplierID": "s1",
        "xp": {"Color": "red", "Sizes": ["S", "M"]},
        "Product": {"ID": "X", "Name": "Widget", "xp": {"Brand": "Acme", "Tags": ["new"]}},
    },
    {
        "ID": "l2",
        "ProductID": "Y",
        "Quantity": 5,
        "UnitPrice": 150,
        "LineSubtotal": 750,
        "PromotionDiscount": 0,
        "LineTotal": 750,
        "CostCenter": "DEF",
        "SupplierID": "s2",
        "xp": {"Color": "blue"},
        "Product": {"ID": "Y", "Name": "Gadget", "xp": {"Brand": "Bolt"}},
    },
    {
        "ID": "l3",
        "ProductID": "Z",
        "Quantity": 1,
        "UnitPrice": 250,
        "LineSubtotal": 250,
        "PromotionDiscount": 0,
        "LineTotal": 250,
        "CostCenter": None,
        "Product": {"ID": "Z", "Name": "Gizmo"},
    },
]

# Direct assignments, and the tree above them: tools sits under hardware, toys under kids.
DIRECT: Mapping[str, frozenset[str]] = {"X": frozenset({"tools"}), "Y": frozenset({"toys", "sale"})}
PARENTS: Mapping[str, str] = {"tools": "hardware", "toys": "kids"}


def in_category(line: LineItem, category_id: str) -> bool:
    return category_id in DIRECT.get(str(line["ProductID"]), frozenset())


def in_parent_category(line: LineItem, category_id: str) -> bool:
    """The product's categories and all their ancestors: how a caller answers from a category tree."""
    for category in DIRECT.get(str(line["ProductID"]), frozenset()):
        while True:
            if category == category_id:
                return True
            if category not in PARENTS:
                break
            category = PARENTS[category]
    return False


def context(**changes: Any) -> RuleContext:
    values: dict[str, Any] = {
        "order": ORDER,
        "line_items": LINES,
        "now": NOW,
        "approved_rule_ids": frozenset({"rule1"}),
        "in_category": in_category,
        "in_parent_category": in_parent_category,
    }
    return RuleContext(**(values | changes))
