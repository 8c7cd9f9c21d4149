"""THE registry: one line per resource router. Everything under /v1 speaks the OrderCloud API and passes the
guard (mercato.web.guard) through the ``ctx`` dependency."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.types import ControllerRouterHandler

from mercato.resources.admin_addresses.router import router as admin_addresses
from mercato.resources.admin_user_groups.router import router as admin_user_groups
from mercato.resources.admin_users.router import router as admin_users
from mercato.resources.api_clients.router import router as api_clients
from mercato.resources.incrementors.router import router as incrementors
from mercato.resources.oauth.router import router as oauth
from mercato.resources.security_profiles.router import router as security_profiles
from mercato.web.guard import provide_context
from mercato.web.health import health

V1: list[ControllerRouterHandler] = [
    incrementors,
    api_clients,
    security_profiles,
    admin_addresses,
    admin_users,
    admin_user_groups,
]


def route_handlers() -> list[ControllerRouterHandler]:
    v1 = Router(path="/v1", route_handlers=V1, dependencies={"ctx": Provide(provide_context)})
    return [health, oauth, v1]
