"""THE registry: one line per resource router. Everything under /v1 speaks the OrderCloud API and passes the
guard (mercato.web.guard) through the ``ctx`` dependency."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.types import ControllerRouterHandler

from mercato.resources.admin_user_groups.router import router as admin_user_groups
from mercato.resources.admin_users.router import router as admin_users
from mercato.resources.incrementors.router import router as incrementors
from mercato.resources.me.router import router as me
from mercato.resources.oauth.router import router as oauth
from mercato.web.guard import provide_context
from mercato.web.health import health

V1: list[ControllerRouterHandler] = [
    incrementors,
    admin_users,
    admin_user_groups,
    me,
]


def route_handlers() -> list[ControllerRouterHandler]:
    v1 = Router(path="/v1", route_handlers=V1, dependencies={"ctx": Provide(provide_context)})
    return [health, oauth, v1]
