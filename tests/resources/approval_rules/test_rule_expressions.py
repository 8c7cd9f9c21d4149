"""RuleExpression goes through the rules engine: what does not compile is a 400 with the engine's Expression.*
code, the position in the message and in Data, and nothing is stored or changed."""

from __future__ import annotations

import httpx
import pytest

from mercato.errors import InvalidExpression
from mercato.resources.approval_rules.expressions import validate_rule_expression
from tests.fixtures.identity import Callers
from tests.resources.approval_rules.test_approval_rules_api import RULE, URL, items, setup
from tests.resources.credit_cards.parties import error

VALID = [
    "order.Total > 1000 and items.any(ProductID = 'X')",
    "order.approved('rule1')",
    "order.xp.Department = 'R&D' or order.FromUser.xp.Level >= 3",
    "ITEMS.QUANTITY(CostCenter = 'ABC') > 10 AND NOT order.approved('rule1')",
    "items.any(product.incategory('a,b')) and order.BillingAddress.State = 'MN'",
    "order.xp.Tags.contains('rush') and order.DateCreated > #6/15/2016#",
]

# (expression, code, 0-based position)
INVALID = [
    ("order.Total >", "Expression.InvalidSyntax", 13),
    ("order.Totl > 1000", "Expression.InvalidToken", 6),
    ("order.xp.Code = 'abc", "Expression.InvalidToken", 16),
    ("items.sum(Quantity) > 1", "Expression.InvalidFunction", 6),
    ("order.approved(rule1)", "Expression.InvalidArguments", 15),
    ("item.ProductID = 'X'", "Expression.ItemNotAllowed", 0),
]


@pytest.mark.parametrize("expression", VALID)
async def test_valid_expressions_are_stored_as_sent(
    client: httpx.AsyncClient, callers: Callers, expression: str
) -> None:
    admin = await setup(client, callers)
    made = await client.post(URL, json=RULE | {"RuleExpression": expression}, headers=admin)
    assert made.status_code == 201, made.text
    assert made.json()["RuleExpression"] == expression
    saved = await client.put(f"{URL}/other", json=RULE | {"ID": "other", "RuleExpression": expression}, headers=admin)
    assert saved.status_code == 200, saved.text  # PUT creates with 200, as test_crud shows
    patched = await client.patch(f"{URL}/big-orders", json={"RuleExpression": expression + " "}, headers=admin)
    assert patched.status_code == 200, patched.text
    assert patched.json()["RuleExpression"] == expression + " "


@pytest.mark.parametrize(("expression", "code", "position"), INVALID)
async def test_invalid_expressions_are_400_with_the_expression_code_and_change_nothing(
    client: httpx.AsyncClient, callers: Callers, expression: str, code: str, position: int
) -> None:
    admin = await setup(client, callers)
    body = RULE | {"RuleExpression": expression}
    for response in (
        await client.post(URL, json=body, headers=admin),
        await client.put(f"{URL}/big-orders", json=body, headers=admin),
    ):
        assert response.status_code == 400, response.text
        detail = error(response)
        assert detail["ErrorCode"] == code
        assert detail["Data"] == {"Field": "RuleExpression", "Position": position}
        assert f"position {position}" in str(detail["Message"])
        assert str(detail["Message"]).startswith("RuleExpression: ")
    assert items(await client.get(URL, headers=admin)) == []  # neither created

    assert (await client.post(URL, json=RULE, headers=admin)).status_code == 201
    for response in (
        await client.patch(f"{URL}/big-orders", json={"RuleExpression": expression, "Name": "x"}, headers=admin),
        await client.put(f"{URL}/big-orders", json=body | {"Name": "x"}, headers=admin),
    ):
        assert response.status_code == 400, response.text
        assert error(response)["ErrorCode"] == code
    assert (await client.get(f"{URL}/big-orders", headers=admin)).json() == RULE  # unchanged


def test_the_seam_raises_the_engines_code() -> None:
    with pytest.raises(InvalidExpression) as raised:
        validate_rule_expression("order.Total > > 1")
    assert raised.value.status == 400
    assert raised.value.code == "Expression.InvalidSyntax"
    assert raised.value.errors[0].Data == {"Field": "RuleExpression", "Position": 14}
