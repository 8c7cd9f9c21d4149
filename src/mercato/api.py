"""THE registry: one line per resource router. Everything under /v1 speaks the OrderCloud API and passes the
guard (mercato.web.guard) through the ``ctx`` dependency."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.types import ControllerRouterHandler

from mercato.resources.incrementors.router import router as incrementors
from mercato.web.guard import provide_context
from mercato.web.health import health

V1: list[ControllerRouterHandler] = [
    incrementors,
]


def route_handlers() -> list[ControllerRouterHandler]:
    v1 = Router(path="/v1", route_handlers=V1, dependencies={"ctx": Provide(provide_context)})
    return [health, v1]
