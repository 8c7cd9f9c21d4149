from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Request
from litestar.datastructures import State

from mercato.auth.keys import KeyRing
from mercato.auth.tokens import VerifiedTokens
from mercato.db.engine import Database
from mercato.settings import Settings


@dataclass(frozen=True, slots=True)
class Services:
    """The process-wide objects a request may use, kept in the app's state under ``services``."""

    settings: Settings
    database: Database
    keyring: KeyRing
    verified_tokens: VerifiedTokens = field(default_factory=VerifiedTokens)


def services_of(request: Request[Any, Any, Any]) -> Services:
    return services_in(request.app.state)


def services_in(state: State) -> Services:
    services = state["services"]
    assert isinstance(services, Services)
    return services
