from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.datastructures import State

from mercato.auth.keys import KeyRing
from mercato.db.engine import Database
from mercato.settings import Settings


@dataclass(frozen=True, slots=True)
class Services:
    """The process-wide objects a request may use, kept in the app's state under ``services``."""

    settings: Settings
    database: Database
    keyring: KeyRing


def services_of(request: Request[Any, Any, Any]) -> Services:
    return services_in(request.app.state)


def services_in(state: State) -> Services:
    services = state["services"]
    assert isinstance(services, Services)
    return services
