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


class Access:
    def __init__(self, operations: Mapping[str, Iterable[Role]]) -> None:
        self.operations = {op_id: Operation(op_id, frozenset(roles)) for op_id, roles in operations.items()}

    def opt(self, operation_id: str) -> dict[str, Any]:
        """Route options naming the operation; a typo fails at import time, not at request time."""
        return {"operation": self.operations[operation_id]}
