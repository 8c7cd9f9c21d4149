"""What payments pay: explicit amounts, the remainder (a null Amount), and over-payment (Payment.AlreadyPaid)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mercato.errors import BadRequest
from mercato.orders.payments import check_not_overpaid, effective_amounts, increases, remainder_of
from tests.resources.payments.conftest import Shop, error

D = Decimal


@pytest.mark.parametrize(
    ("amounts", "total", "paid"),
    [
        ([], D("100"), {}),
        ([("a", D("30"))], D("100"), {"a": D("30")}),
        ([("a", None)], D("100"), {"a": D("100")}),
        ([("a", D("30")), ("b", None)], D("100"), {"a": D("30"), "b": D("70")}),
        ([("b", None), ("a", D("30.25"))], D("100"), {"b": D("69.75"), "a": D("30.25")}),
        ([("a", D("120")), ("b", None)], D("100"), {"a": D("120"), "b": D("0")}),  # never below zero
        ([("a", None), ("b", None)], D("100"), {"a": D("100"), "b": D("0")}),  # the first takes it
        ([("a", D("0")), ("b", None)], D("0"), {"a": D("0"), "b": D("0")}),
    ],
)
def test_effective_amounts(amounts: list[tuple[str, Decimal | None]], total: Decimal, paid: dict[str, Decimal]) -> None:
    assert effective_amounts(amounts, total) == paid
    assert remainder_of([a for _, a in amounts], total) == max(total - sum(a or 0 for _, a in amounts), 0)


@pytest.mark.parametrize(
    ("others", "amount", "total", "refused"),
    [
        ([], D("100"), D("100"), False),
        ([], D("100.01"), D("100"), True),
        ([D("60")], D("40"), D("100"), False),
        ([D("60")], D("40.01"), D("100"), True),
        ([None], D("100"), D("100"), False),  # the remainder becomes 0
        ([None], D("101"), D("100"), True),
        ([], None, D("100"), False),
        ([], None, D("0"), False),  # nothing to pay yet: the remainder follows the Total as lines are added
        ([D("60")], None, D("100"), False),
        ([D("100")], None, D("100"), True),  # fully paid already
        ([D("0")], None, D("0"), False),
        ([None], None, D("100"), True),  # one remainder per order
        ([D("5")], D("1"), D("0"), True),
    ],
)
def test_check_not_overpaid(
    others: list[Decimal | None], amount: Decimal | None, total: Decimal, refused: bool
) -> None:
    if refused:
        with pytest.raises(BadRequest) as raised:
            check_not_overpaid(others, amount, total)
        assert raised.value.code == "Payment.AlreadyPaid"
    else:
        check_not_overpaid(others, amount, total)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (D("5"), D("5"), False),
        (D("5"), D("4"), False),
        (D("5"), D("0"), False),
        (D("5"), D("6"), True),
        (D("5"), None, True),
        (None, D("5"), True),
        (None, None, False),
    ],
)
def test_increases(old: Decimal | None, new: Decimal | None, expected: bool) -> None:
    assert increases(old, new) is expected


async def test_remainder_and_already_paid(shop: Shop) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1", "100.00")
    rest = await shop.paid("o1", {"ID": "rest", "Type": "PurchaseOrder"}, u1)
    assert rest["Amount"] is None  # stays null: it pays whatever the others leave
    second_rest = await shop.pay("o1", {"Type": "PurchaseOrder"}, u1)
    assert second_rest.status_code == 400
    assert error(second_rest)["ErrorCode"] == "Payment.AlreadyPaid"

    assert (await shop.pay("o1", {"ID": "a", "Type": "PurchaseOrder", "Amount": 60}, u1)).status_code == 201
    over = await shop.pay("o1", {"Type": "PurchaseOrder", "Amount": 40.01}, u1)
    assert over.status_code == 400
    assert error(over)["ErrorCode"] == "Payment.AlreadyPaid"
    assert (await shop.pay("o1", {"ID": "b", "Type": "PurchaseOrder", "Amount": 40}, u1)).status_code == 201
    # Explicit amounts cover the total: the remainder payment pays 0 and no further payment fits.
    assert error(await shop.pay("o1", {"Type": "PurchaseOrder", "Amount": 0.01}, u1))["ErrorCode"] == (
        "Payment.AlreadyPaid"
    )
    raised = await shop.client.patch(shop.url("o1", "a"), json={"Amount": 60.01}, headers=u1)
    assert error(raised)["ErrorCode"] == "Payment.AlreadyPaid"
    to_rest = await shop.client.patch(shop.url("o1", "a"), json={"Amount": None}, headers=u1)
    assert error(to_rest)["ErrorCode"] == "Payment.AlreadyPaid"  # "rest" already pays the remainder

    # Amounts may go down to 0, never below.
    zero = await shop.client.patch(shop.url("o1", "b"), json={"Amount": 0}, headers=u1)
    assert zero.status_code == 200, zero.text
    assert zero.json()["Amount"] == 0
    negative = await shop.client.patch(shop.url("o1", "b"), json={"Amount": -1}, headers=u1)
    assert error(negative)["ErrorCode"] == "Payment.AmountGreaterThanZero"
    assert (await shop.client.patch(shop.url("o1", "b"), json={"Amount": 40}, headers=u1)).status_code == 200

    # Without it the explicit amounts cover the total: a new remainder payment is refused.
    assert (await shop.client.delete(shop.url("o1", "rest"), headers=u1)).status_code == 204
    assert error(await shop.pay("o1", {"Type": "PurchaseOrder"}, u1))["ErrorCode"] == "Payment.AlreadyPaid"


async def test_lowering_an_amount_is_never_refused(shop: Shop) -> None:
    """When the Total drops below what the payments pay (a line was removed), each amount can still be lowered."""
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1", "100.00")
    await shop.paid("o1", {"ID": "a", "Type": "PurchaseOrder", "Amount": 60}, u1)
    await shop.paid("o1", {"ID": "b", "Type": "PurchaseOrder", "Amount": 40}, u1)
    await shop.set_order("o1", total=Decimal("50.00"), subtotal=Decimal("50.00"))
    lowered = await shop.client.patch(shop.url("o1", "b"), json={"Amount": 10, "Description": "less"}, headers=u1)
    assert lowered.status_code == 200, lowered.text
    assert error(await shop.client.patch(shop.url("o1", "b"), json={"Amount": 11}, headers=u1))["ErrorCode"] == (
        "Payment.AlreadyPaid"
    )
    assert (await shop.client.patch(shop.url("o1", "a"), json={"Amount": 40}, headers=u1)).status_code == 200
    assert (await shop.client.patch(shop.url("o1", "b"), json={"Amount": 10}, headers=u1)).status_code == 200


@pytest.mark.parametrize(("sent", "stored"), [(10.005, 10.01), (0.1, 0.1), (33.333, 33.33), (7, 7)])
async def test_amounts_are_money(shop: Shop, sent: float, stored: float) -> None:
    u1 = await shop.user("b1", "u1")
    await shop.order("o1", "u1", "100.00")
    made = await shop.paid("o1", {"ID": "p", "Type": "PurchaseOrder", "Amount": sent}, u1)
    assert made["Amount"] == stored
    listed = await shop.client.get(shop.url("o1"), params={"Amount": str(stored)}, headers=u1)
    assert [p["ID"] for p in listed.json()["Items"]] == ["p"]
