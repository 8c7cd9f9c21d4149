"""THE registry: one line per resource router. Everything under /v1 speaks the OrderCloud API."""

from __future__ import annotations

from litestar import Router
from litestar.types import ControllerRouterHandler

from mercato.web.health import health

V1: list[ControllerRouterHandler] = []


def route_handlers() -> list[ControllerRouterHandler]:
    return [health, Router(path="/v1", route_handlers=V1)] if V1 else [health]
