"""What a scenario's setup hands the runner: the requests (or flows) to load the server with, and, for a scenario
that needs a state the others must not see (more product facets), requests sent once before its load and once
after it to undo them. Sent through the server, so its caches learn of the change as they would in production."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bench.load import Flow, Request
from mercato.db.engine import Database
from mercato.settings import Settings


@dataclass(frozen=True, slots=True)
class Work:
    load: list[Request] | list[Flow]
    before: list[Request] = field(default_factory=list)
    after: list[Request] = field(default_factory=list)


Setup = Callable[[Database, Settings, dict[str, str]], Awaitable[list[Request] | list[Flow] | Work]]
"""Seeds what a scenario needs (``shared`` remembers what scenarios seed for each other) and names its work."""
