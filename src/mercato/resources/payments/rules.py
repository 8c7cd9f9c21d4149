"""Who may change which payment, and when (SEMANTICS.md §6.5, docs/decisions/0021-payments.md), as pure checks
over plain values. A payment admin holds OrderAdmin or FullAccess; anyone else who may write the order is a
shopper here.

                     Unsubmitted           AwaitingApproval, Declined   Open, Completed               Canceled
    payment admin    everything            everything                   no amounts, no add/remove     nothing
    shopper          all but card          nothing                      nothing                       nothing
                     acceptance

Open and Completed orders have had their spending accounts charged: what each payment pays is settled, so that
canceling an Open order refunds exactly what was taken.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from mercato.context import Caller
from mercato.errors import BadRequest, ValidationFailure
from mercato.orders.payments import PaymentType
from mercato.orders.status import MODIFY_BAD_STATUS, OrderStatus, require_unsubmitted
from mercato.resources.payments.access import PAYMENT_ADMIN
from mercato.resources.payments.schemas import CREATE_ONLY, Payment

SETTLED = frozenset({OrderStatus.Open, OrderStatus.Completed})


def is_payment_admin(caller: Caller) -> bool:
    return not PAYMENT_ADMIN.isdisjoint(caller.roles)


def check_can_add_or_remove(status: str, admin: bool) -> None:
    _check_not_canceled(status)
    if not admin:
        require_unsubmitted(status)
    elif status in SETTLED:
        raise _settled(status, "payments cannot be added or deleted")


def check_can_patch(status: str, admin: bool, current: Payment, merged: Payment, amount_changed: bool) -> None:
    _check_not_canceled(status)
    if admin:
        if status in SETTLED and amount_changed:
            raise _settled(status, "payment amounts cannot change")
        return
    if status != OrderStatus.Unsubmitted:
        raise _not_authorized(f"the order's status is {status}")
    if current.Type == PaymentType.CreditCard:
        if current.Accepted:
            raise _not_authorized("an accepted credit card payment changes only through an order admin")
        if bool(merged.Accepted) != bool(current.Accepted):
            raise _cannot_accept()


def check_create_accepted(admin: bool, payment: Payment) -> None:
    """A credit card is accepted once its processor authorised it: the seller's word, not the shopper's."""
    if not admin and payment.Type == PaymentType.CreditCard and payment.Accepted:
        raise _cannot_accept()


def check_immutable(current: Payment, changes: dict[str, Any]) -> None:
    for field in CREATE_ONLY:
        if field in changes and changes[field] != getattr(current, field):
            raise BadRequest(
                "Payment.CannotPatchProperty",
                "Payment Type, SpendingAccountID, and CreditCardID are not modifiable properties on a payment",
                {"Field": field},
            )


def check_references(payment: Payment) -> None:
    """The Type is given, and the card or account ID is given exactly for its type."""
    if payment.Type is None:
        raise ValidationFailure("Type is required: PurchaseOrder, CreditCard or SpendingAccount", "Type")
    if payment.Type == PaymentType.SpendingAccount and not payment.SpendingAccountID:
        raise BadRequest(
            "Payment.SpendingAccountIdMissing",
            "You must include a SpendingAccountID when creating a payment of type SpendingAccount",
            {"Field": "SpendingAccountID"},
        )
    if payment.Type == PaymentType.CreditCard and not payment.CreditCardID:
        raise BadRequest(
            "Payment.CreditCardIdMissing",
            "You must include a CreditCardID when creating a payment of type CreditCard",
            {"Field": "CreditCardID"},
        )
    if payment.Type != PaymentType.SpendingAccount and payment.SpendingAccountID:
        raise BadRequest(
            "Payment.CannotSetSpendingAccount",
            f"A payment of type {payment.Type} cannot have a SpendingAccountID",
            {"Field": "SpendingAccountID"},
        )
    if payment.Type != PaymentType.CreditCard and payment.CreditCardID:
        raise BadRequest(
            "Payment.CannotSetCreditCard",
            f"A payment of type {payment.Type} cannot have a CreditCardID",
            {"Field": "CreditCardID"},
        )


def check_amount(amount: Decimal | None, *, creating: bool) -> None:
    """On create an Amount is null or above zero; later it may be set to zero, never below."""
    if amount is None or amount > 0 or (amount == 0 and not creating):
        return
    raise BadRequest(
        "Payment.AmountGreaterThanZero",
        "When creating a payment Amount must be null or greater than zero"
        if creating
        else "A payment's Amount cannot be negative",
        {"Field": "Amount"},
    )


def _check_not_canceled(status: str) -> None:
    if status == OrderStatus.Canceled:
        raise BadRequest("Payment.CannotEditCancelled", "Cannot add or edit a payment on a canceled order")


def _settled(status: str, what: str) -> BadRequest:
    return BadRequest(
        MODIFY_BAD_STATUS, f"The payments of an order with the status {status} are settled: {what}", {"Status": status}
    )


def _not_authorized(why: str) -> BadRequest:
    return BadRequest(
        "Payment.NotAuthorizedToPatch",
        f"You are not authorized to modify this payment: {why}",
    )


def _cannot_accept() -> BadRequest:
    return BadRequest(
        "Payment.CannotPatchAccepted",
        "You are not authorized to modify the Accepted property of a credit card payment",
        {"Field": "Accepted"},
    )
