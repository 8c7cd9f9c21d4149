"""How a resource declares who may call each operation: ``access.py`` maps operation IDs (as the OrderCloud spec
names them) to the roles that suffice, and each route carries its operation in ``opt``. One guard reads it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mercato.auth.roles import Role


@dataclass(frozen=True, slots=True)
class Operation:
    id: str
    """OrderCloud's operationId, e.g. ``Incrementors.List``."""
    roles: frozenset[Role]
    """Any one suffices; FullAccess always does. Empty: any authenticated caller."""
    seller_only: bool = False
    """Only the marketplace owner's (admin) users, whatever roles a buyer or supplier user holds: the resources
    SEMANTICS.md §1.8 reserves to the seller (API clients, security profiles, incrementor admin…), and writes to
    the seller's own users, groups and addresses."""
    buyer_scoped: bool = False
    """The route's ``{buyerID}`` names a buyer the caller must be able to see: it exists, and a buyer user may
    only name its own (any other buyer is a 404, as if it did not exist); supplier users see no buyer's insides."""


class Access:
    def __init__(
        self,
        operations: Mapping[str, Iterable[Role]],
        *,
        seller_only: Iterable[str] | bool = (),
        buyer_scoped: bool = False,
    ) -> None:
        """``seller_only``: True for every operation, or the IDs of those reserved to admin users;
        ``buyer_scoped``: every operation works inside the buyer named by ``{buyerID}``."""
        reserved = set(operations) if seller_only is True else set(seller_only or ())
        unknown = reserved - set(operations)
        if unknown:
            raise ValueError(f"seller_only names unknown operations: {sorted(unknown)}")
        self.operations = {
            op_id: Operation(op_id, frozenset(roles), op_id in reserved, buyer_scoped)
            for op_id, roles in operations.items()
        }

    def opt(self, operation_id: str) -> dict[str, Any]:
        """Route options naming the operation; a typo fails at import time, not at request time."""
        return {"operation": self.operations[operation_id]}
