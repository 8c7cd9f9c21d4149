"""The ``mercato`` command: serve, init."""

from __future__ import annotations

import asyncio
import os
from typing import Annotated

import typer

from mercato.db.engine import Database
from mercato.db.migrate import migrate
from mercato.settings import Settings, normalise_database_url

cli = typer.Typer(help="Mercato: an open B2B commerce API server that speaks the OrderCloud API.", no_args_is_help=True)

DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help="SQLAlchemy URL; default MERCATO_DATABASE_URL or ./mercato.db")
]


def _settings(database_url: str | None) -> Settings:
    settings = Settings.from_env()
    if database_url:
        os.environ["MERCATO_DATABASE_URL"] = normalise_database_url(database_url)  # server workers read it
        settings = Settings.from_env()
    return settings


async def _migrate(url: str) -> None:
    database = Database(url)
    try:
        await migrate(database)
    finally:
        await database.dispose()


@cli.command()
def init(database_url: DatabaseUrl = None) -> None:
    """Create or upgrade the schema (idempotent)."""
    settings = _settings(database_url)
    asyncio.run(_migrate(settings.database_url))
    typer.echo(f"schema is current on {settings.database_url}")


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (MERCATO_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Listen port (MERCATO_PORT)")] = None,
    workers: Annotated[int | None, typer.Option(help="Server processes (MERCATO_WORKERS)")] = None,
    database_url: DatabaseUrl = None,
    ssl_certfile: Annotated[str | None, typer.Option(help="Serve HTTPS with this certificate (PEM)")] = None,
    ssl_keyfile: Annotated[str | None, typer.Option(help="Private key for --ssl-certfile (PEM)")] = None,
) -> None:
    """Migrate the database, then serve /v1 and /oauth on one origin."""
    from pathlib import Path

    from granian import Granian
    from granian.constants import Interfaces

    settings = _settings(database_url)
    asyncio.run(_migrate(settings.database_url))  # once, before any worker starts
    server = Granian(
        "mercato.app:factory",
        factory=True,
        address=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        interface=Interfaces.ASGI,
        ssl_cert=Path(ssl_certfile) if ssl_certfile else None,
        ssl_key=Path(ssl_keyfile) if ssl_keyfile else None,
        log_access=False,
    )
    typer.echo(f"Mercato on http{'s' if ssl_certfile else ''}://{host or settings.host}:{port or settings.port}")
    server.serve()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
