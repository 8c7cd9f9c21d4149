"""Who is calling and within what: passed first to every service call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncConnection

from mercato.db.engine import Database


class UserType(StrEnum):
    """The ``usrtype`` claim: the marketplace owner's users, a buyer's, or a supplier's."""

    ADMIN = "admin"
    BUYER = "buyer"
    SUPPLIER = "supplier"


@dataclass(frozen=True, slots=True)
class Caller:
    marketplace_id: str
    """The tenant, fixed by the token's API client (every client belongs to exactly one marketplace)."""
    uid: str
    user_id: str
    username: str
    user_type: UserType
    company_id: str
    """The buyer or supplier the user belongs to; "" for admin users."""
    client_id: str
    roles: frozenset[str]
    """Granted by the token: API roles and custom roles."""
    token_id: str
    is_anonymous: bool = False
    order_id: str | None = None


@dataclass(frozen=True, slots=True)
class RequestContext:
    caller: Caller
    connection: AsyncConnection
    """The request's one transaction: committed after the handler returns, rolled back if it raises."""
    request_id: str
    now: datetime
    """One clock reading per request, so that every timestamp a request writes agrees."""
    database: Database | None = None
    """For work the request starts beside its own transaction (Database.spawn); None outside a server."""

    @property
    def marketplace_id(self) -> str:
        return self.caller.marketplace_id
