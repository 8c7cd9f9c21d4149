"""The order status machine (SEMANTICS.md §6.1), as pure rules over plain values.

    Unsubmitted --submit--> Open | AwaitingApproval
    AwaitingApproval --last approval--> Open;  --decline--> Declined (or Unsubmitted when AllowResubmit)
    Open --everything shipped / complete--> Completed
    Unsubmitted | AwaitingApproval | Declined --cancel (buyer or admin)--> Canceled
    Open --cancel (admin with OrderAdmin)--> Canceled       (never once anything has shipped)

Who may cancel what is our reading (OrderCloud leaves the matrix open): docs/decisions/0020-orders.md.
"""

from __future__ import annotations

from enum import StrEnum

from mercato.context import UserType
from mercato.errors import ApiError, BadRequest, NotFound


class OrderStatus(StrEnum):
    Unsubmitted = "Unsubmitted"
    AwaitingApproval = "AwaitingApproval"
    Declined = "Declined"
    Open = "Open"
    Completed = "Completed"
    Canceled = "Canceled"


class Direction(StrEnum):
    """From the caller's point of view: a buyer's orders are Outgoing, the marketplace owner's Incoming."""

    Incoming = "Incoming"
    Outgoing = "Outgoing"
    All = "All"


_DIRECTIONS = {d.value.lower(): d for d in Direction}

MODIFY_BAD_STATUS = "Order.CannotModifyInCurrentStatus"
"""Not one of OrderCloud's published codes (none covers editing a submitted order's lines): ours, recorded in
decision 0020, in the Order namespace beside CannotSubmitBadStatus."""


def parse_direction(text: str) -> Direction:
    """``{direction}`` in any case; anything else is a 404 (no such route), as OrderCloud answers."""
    found = _DIRECTIONS.get(text.lower())
    if found is None:
        raise NotFound("Direction", text)
    return found


def require_unsubmitted(status: str) -> None:
    """Line items, payments, addresses and the order's own fields change only before submission."""
    if status != OrderStatus.Unsubmitted:
        raise BadRequest(MODIFY_BAD_STATUS, f"An order with the status {status} cannot be modified", {"Status": status})


CANCELABLE_BY_BUYER = frozenset({OrderStatus.Unsubmitted, OrderStatus.AwaitingApproval, OrderStatus.Declined})
CANCELABLE_BY_ADMIN = CANCELABLE_BY_BUYER | {OrderStatus.Open}


def check_cancel(status: str, user_type: UserType, anything_shipped: bool) -> None:
    """400 Order.CannotCancelInCurrentStatus unless the caller's side may cancel an order in ``status``: buyers
    until the order is Open; the marketplace owner also while it is Open. Never once anything has shipped (items
    of an unsubmitted order may ship too): a canceled order must not have goods on their way."""
    allowed = CANCELABLE_BY_ADMIN if user_type is UserType.ADMIN else CANCELABLE_BY_BUYER
    if status not in allowed or anything_shipped:
        why = f"its status is {status}" if status not in allowed else "items have shipped"
        raise BadRequest(
            "Order.CannotCancelInCurrentStatus", f"The order cannot be canceled: {why}", {"Status": status}
        )


def check_complete(status: str) -> None:
    if status != OrderStatus.Open:
        raise BadRequest("Order.CannotCompleteBadStatus", f"Only Open orders can be completed, not {status}")


def submit_status_error(status: str) -> ApiError | None:
    if status == OrderStatus.Unsubmitted:
        return None
    return BadRequest("Order.CannotSubmitBadStatus", f"An order with the status {status} cannot be submitted")
