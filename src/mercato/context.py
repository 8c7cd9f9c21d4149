"""RequestContext: everything a service needs to know about the current request, passed first to every call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True, slots=True)
class RequestContext:
    marketplace_id: str
    """The tenant: fixed by the caller's token (the API client belongs to exactly one marketplace)."""
    connection: AsyncConnection
    """The request's one transaction; committed after the handler returns, rolled back if it raises."""
    request_id: str
    now: datetime
    """One clock reading per request, so that every timestamp a request writes agrees."""
