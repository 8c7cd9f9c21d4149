"""The ``mercato`` command: serve, init."""

from __future__ import annotations

import asyncio
import errno
import os
import socket
from dataclasses import replace
from typing import Annotated

import typer
from sqlalchemy.exc import DBAPIError

from mercato.auth.keys import rotate
from mercato.bootstrap import (
    Bootstrap,
    CredentialsDiffer,
    Outcome,
    bootstrap,
    generated,
    has_marketplace,
    how_to_get_a_token,
    reset_admin_password,
)
from mercato.db.engine import Database
from mercato.db.migrate import migrate
from mercato.errors import ApiError, NotFound
from mercato.settings import Settings, normalise_database_url

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
WORKER_STOP_SECONDS = 10
"""Listen addresses that mean "every interface": no client reaches the server at them."""

cli = typer.Typer(help="Mercato: an open B2B commerce API server that speaks the OrderCloud API.", no_args_is_help=True)

DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help="SQLAlchemy URL; default MERCATO_DATABASE_URL or ./mercato.db")
]


def _settings(database_url: str | None) -> Settings:
    settings = Settings.from_env()
    if database_url:
        settings = replace(settings, database_url=normalise_database_url(database_url))
    return settings


@cli.command()
def init(
    marketplace_id: Annotated[str, typer.Option("--marketplace-id", help="ID of the marketplace to create")],
    admin_username: Annotated[str, typer.Option("--admin-username", help="its first admin user")],
    admin_password: Annotated[str, typer.Option("--admin-password", help="that user's password")],
    client_id: Annotated[str, typer.Option("--client-id", help="ID of an API client for admins, buyers, suppliers")],
    client_secret: Annotated[str, typer.Option("--client-secret", help="that client's secret")],
    database_url: DatabaseUrl = None,
) -> None:
    """Create the schema and a marketplace with an admin user and an API client. Idempotent; on a marketplace that
    exists it checks the credentials instead and exits 1 when the database holds others."""
    settings = _settings(database_url)
    plan = Bootstrap(marketplace_id, admin_username, admin_password, client_id, client_secret)
    try:
        outcome = asyncio.run(_bootstrap(settings.database_url, plan))
    except CredentialsDiffer as error:
        typer.echo("init refused: the database holds other credentials than these, and keeps them:", err=True)
        for difference in error.errors[0].Data["Differences"]:
            typer.echo(f"  {difference}", err=True)
        raise typer.Exit(1) from None
    except ApiError as error:
        typer.echo(f"init failed: {error.errors[0].Message}", err=True)
        raise typer.Exit(1) from None
    for line in outcome.created or ["nothing to do: everything already exists"]:
        typer.echo(line)


admin = typer.Typer(help="Manage the marketplace's admin users.", no_args_is_help=True)
cli.add_typer(admin, name="admin")

ADMIN_PASSWORD_ENV = "MERCATO_ADMIN_PASSWORD"


@admin.command("reset-password")
def reset_password(
    marketplace_id: Annotated[str, typer.Option("--marketplace-id", help="the admin user's marketplace")],
    username: Annotated[str, typer.Option("--username", help="the admin user's username")],
    database_url: DatabaseUrl = None,
) -> None:
    """Set a new password for an admin user (and end a lockout). The password is read from a hidden prompt, or
    from MERCATO_ADMIN_PASSWORD; never from the command line, where other users and the shell history see it."""
    settings = _settings(database_url)
    password = os.environ.get(ADMIN_PASSWORD_ENV)
    if password is None:
        password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        asyncio.run(_reset_password(settings.database_url, marketplace_id, username, password))
    except NotFound:
        typer.echo(f"reset-password failed: marketplace {marketplace_id} has no admin user {username}", err=True)
        raise typer.Exit(1) from None
    except ApiError as error:
        typer.echo(f"reset-password failed: {error.errors[0].Message}", err=True)
        raise typer.Exit(1) from None
    except DBAPIError as error:
        typer.echo(f"reset-password failed: cannot use the database ({error.orig})", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"new password set for admin user {username} of marketplace {marketplace_id}")


@cli.command("rotate-keys")
def rotate_keys(
    retire_old: Annotated[bool, typer.Option(help="stop signing with older keys (they still verify)")] = True,
    database_url: DatabaseUrl = None,
) -> None:
    """Add a new token signing key. Tokens signed by older keys stay valid until they expire."""
    settings = _settings(database_url)
    typer.echo(f"new signing key: {asyncio.run(_rotate(settings.database_url, retire_old))}")


@cli.command()
def seed(
    bench: Annotated[bool, typer.Option("--bench", help="a large catalog for measuring (see mercato.seed)")] = False,
    products: Annotated[int, typer.Option(help="how many products")] = 10_000,
    buyers: Annotated[int, typer.Option(help="how many buyers (each with one shopper user)")] = 200,
    groups_per_buyer: Annotated[int, typer.Option("--groups-per-buyer", help="user groups per buyer")] = 5,
    marketplace_id: Annotated[str, typer.Option("--marketplace-id")] = "bench",
    database_url: DatabaseUrl = None,
) -> None:
    """Fill a new marketplace with generated data (``--bench``: catalogs, products, buyers, assignments)."""
    if not bench:
        raise typer.BadParameter("only --bench data can be generated so far")
    from mercato.seed import BenchShape, seed_bench

    settings = _settings(database_url)
    shape = BenchShape(
        products=products, buyers=buyers, groups_per_buyer=groups_per_buyer, marketplace_id=marketplace_id
    )
    admin = Bootstrap(marketplace_id, "bench-admin", "Bench-Admin-Pass-1", f"{marketplace_id}-client", "bench-secret")

    async def run() -> None:
        database = Database(settings.database_url)
        try:
            await migrate(database)
            await seed_bench(database, shape, admin)
        finally:
            await database.dispose()

    asyncio.run(run())
    typer.echo(f"seeded marketplace {marketplace_id}: {products} products, {buyers} buyers")


@cli.command()
def roles() -> None:
    """Print the role matrix: every implemented operation and the roles that suffice (FullAccess always does)."""
    from rich.console import Console
    from rich.table import Table

    from mercato.api import route_operations

    table = Table("operation", "method", "path", "roles")
    for route in route_operations():
        roles = ", ".join(sorted(route.operation.roles)) or "(any authenticated caller)"
        if route.path.startswith("/oauth/certs"):
            roles = "(public)"
        table.add_row(route.operation.id, route.method, route.path.replace(":str", ""), roles)
    Console(width=200).print(table)


async def _bootstrap(url: str, plan: Bootstrap) -> Outcome:
    database = Database(url)
    try:
        await migrate(database)
        return await bootstrap(database, plan)
    finally:
        await database.dispose()


async def _reset_password(url: str, marketplace_id: str, username: str, password: str) -> None:
    database = Database(url)
    try:
        await reset_admin_password(database, marketplace_id, username, password)
    finally:
        await database.dispose()


async def _first_start(url: str) -> Bootstrap | None:
    """On an empty database, a generated first marketplace (None when there is one already)."""
    database = Database(url)
    try:
        await migrate(database)
        if await has_marketplace(database):
            return None
        plan = generated()
        await bootstrap(database, plan)
        return plan
    finally:
        await database.dispose()


async def _rotate(url: str, retire_old: bool) -> str:
    database = Database(url)
    try:
        async with database.transaction() as connection:
            return await rotate(connection, retire_old=retire_old)
    finally:
        await database.dispose()


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (MERCATO_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Listen port (MERCATO_PORT)")] = None,
    workers: Annotated[int | None, typer.Option(help="Server processes (MERCATO_WORKERS)")] = None,
    database_url: DatabaseUrl = None,
    ssl_certfile: Annotated[str | None, typer.Option(help="Serve HTTPS with this certificate (PEM)")] = None,
    ssl_keyfile: Annotated[str | None, typer.Option(help="Private key for --ssl-certfile (PEM)")] = None,
) -> None:
    """Migrate the database (and on an empty one create a first marketplace), then serve /v1 and /oauth."""
    from pathlib import Path

    from granian import Granian
    from granian.constants import Interfaces

    if bool(ssl_certfile) != bool(ssl_keyfile):  # never a silent plain-HTTP server
        given, missing = ("--ssl-certfile", "--ssl-keyfile") if ssl_certfile else ("--ssl-keyfile", "--ssl-certfile")
        raise typer.BadParameter(
            f"{given} needs {missing} too: HTTPS takes a certificate and its private key",
            param_hint="'--ssl-certfile' / '--ssl-keyfile'",
        )
    for option, file in (("--ssl-certfile", ssl_certfile), ("--ssl-keyfile", ssl_keyfile)):
        if file and not Path(file).is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint=f"'{option}'")
    settings = _settings(database_url)
    settings = replace(
        settings,
        host=host if host is not None else settings.host,
        port=port if port is not None else settings.port,
        tls=bool(ssl_certfile),
    )
    _require_free_port(settings.host, settings.port)  # before the database is touched or credentials are shown
    # The worker processes build their Settings from the environment: what they must agree on goes there, so
    # their tokens' iss/aud name the address, port and scheme this server answers on.
    os.environ["MERCATO_DATABASE_URL"] = settings.database_url
    os.environ["MERCATO_HOST"] = settings.host
    os.environ["MERCATO_PORT"] = str(settings.port)
    os.environ["MERCATO_TLS"] = "1" if settings.tls else "0"
    first = asyncio.run(_first_start(settings.database_url))  # migrate once, before any worker starts
    if first is not None:
        typer.echo("An empty database: created a first marketplace. Keep these; they are shown once.")
        typer.echo(how_to_get_a_token(settings, first))
    server = Granian(
        "mercato.app:factory",
        factory=True,
        address=settings.host,
        port=settings.port,
        workers=workers or settings.workers,
        interface=Interfaces.ASGI,
        ssl_cert=Path(ssl_certfile) if ssl_certfile else None,
        ssl_key=Path(ssl_keyfile) if ssl_keyfile else None,
        log_access=False,
        # A worker that has not stopped 10 s after SIGTERM is killed: granian can miss the signal of a worker
        # still starting (seen when a server is stopped right after its first answer), and a stop must end.
        workers_kill_timeout=WORKER_STOP_SECONDS,
    )
    listening = replace(settings, public_url="").issuer
    typer.echo(f"Mercato on {listening}" + (f" (tokens name {settings.issuer})" if settings.public_url else ""))
    if not settings.public_url and settings.host in WILDCARD_HOSTS:
        typer.echo(
            f"Tokens name {settings.issuer}, which other machines cannot reach: set MERCATO_PUBLIC_URL to the URL"
            " clients use (see docs/decisions/0007-tokens.md).",
            err=True,
        )
    server.serve()


def _require_free_port(host: str, port: int) -> None:
    """Exit 1 unless ``host``:``port`` can be bound. Granian listens with SO_REUSEPORT, with which a second server
    on the same port would start and split the requests with the first; this probe binds without it, so any server
    already listening there makes it fail. SO_REUSEADDR (POSIX) lets a restart bind past connections of the
    previous run still in TIME_WAIT."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        typer.echo(f"cannot listen on {host}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    with socket.socket(family, kind, protocol) as probe:
        if os.name == "posix":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                typer.echo(f"port {port} on {host} is already in use", err=True)
            else:
                typer.echo(f"cannot listen on port {port} on {host}: {error.strerror}", err=True)
            raise typer.Exit(1) from None


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
