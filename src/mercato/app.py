"""create_app(settings): the Litestar application, wrapped for path-case folding and request logging."""

from __future__ import annotations

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.types import ASGIApp

from mercato import api
from mercato.auth.keys import KeyRing
from mercato.db.engine import Database
from mercato.settings import Settings
from mercato.web.errors import handle_exception
from mercato.web.logging import RequestLog, configure_logging
from mercato.web.paths import CanonicalPaths, PathCanon
from mercato.web.services import Services


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> ASGIApp:
    """Build the ASGI app. A given ``database`` stays the caller's to dispose; otherwise the app owns one."""
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    owned = database is None
    db = database or Database(settings.database_url, pool_size=settings.db_pool_size)

    keys = KeyRing(db)

    async def dispose() -> None:
        if owned:
            await db.dispose()

    app = Litestar(
        route_handlers=api.route_handlers(),
        exception_handlers={Exception: handle_exception},
        state=State({"services": Services(settings, db, keys)}),
        on_startup=[keys.load],
        on_shutdown=[dispose],
        cors_config=CORSConfig(allow_origins=["*"], allow_methods=["*"], allow_headers=["*"], max_age=3600),
        openapi_config=None,
        debug=False,
    )
    canon = PathCanon(route.path for route in app.routes)
    return RequestLog(CanonicalPaths(app, canon))


def factory() -> ASGIApp:
    """Entry point for the server processes (``granian --factory mercato.app:factory``)."""
    return create_app()
