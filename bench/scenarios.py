"""What `make bench` measures. Each scenario seeds what it needs, then names the requests to repeat."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bench.load import Request
from mercato.db.engine import Database

Setup = Callable[[Database], Awaitable[list[Request]]]


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    setup: Setup


async def _health(_: Database) -> list[Request]:
    return [Request("GET", "/health")]


SCENARIOS: list[Scenario] = [
    Scenario("health (SELECT 1)", _health),
]
