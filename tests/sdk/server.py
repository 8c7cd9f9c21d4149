"""A real Mercato server process for the official-client tests: ``mercato init`` with known credentials, then
``mercato serve`` on a free loopback port, stopped (with its worker processes) when the context exits.

The server's stdout and stderr go to a log file; :meth:`MercatoServer.log_since` reads what it wrote after a
given offset, so a failing test can show the server's side of the story."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from mercato.db.engine import Database
from mercato.settings import normalise_database_url

_SCRIPT = Path(sys.executable).with_name("mercato")
MERCATO = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "mercato.cli"]
"""The CLI of the environment running the tests."""
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


@dataclass(frozen=True)
class Credentials:
    """What ``mercato init`` is told to create."""

    marketplace_id: str = "sdk-marketplace"
    username: str = "sdk-admin"
    password: str = "Sdk-Admin-Passw0rd!"
    client_id: str = "sdk-admin-client"
    client_secret: str = "sdk-admin-client-secret-9f3b"


@dataclass(frozen=True)
class MercatoServer:
    """A running server and the credentials of its marketplace's admin user and (confidential) API client."""

    base_url: str
    """The JS SDK's ``baseApiUrl``: no version, no trailing slash."""
    credentials: Credentials
    log_path: Path
    database_url: str = field(repr=False)

    @property
    def api_url(self) -> str:
        """ordercloud-python's ``base_url`` (with the version)."""
        return f"{self.base_url}/v1"

    @property
    def token_url(self) -> str:
        """ordercloud-python's ``auth_url`` (the full token endpoint)."""
        return f"{self.base_url}/oauth/token"

    @property
    def marketplace_id(self) -> str:
        return self.credentials.marketplace_id

    @property
    def client_id(self) -> str:
        return self.credentials.client_id

    @property
    def client_secret(self) -> str:
        return self.credentials.client_secret

    @property
    def username(self) -> str:
        return self.credentials.username

    @property
    def password(self) -> str:
        return self.credentials.password

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", "replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@asynccontextmanager
async def fresh_database(server_url: str | None, directory: Path) -> AsyncIterator[str]:
    """A new empty database for the server: a SQLite file in ``directory``, or (given a PostgreSQL server URL)
    a database of its own on that server, dropped afterwards."""
    if not server_url:
        yield f"sqlite+aiosqlite:///{directory / 'mercato-sdk.db'}"
        return
    url = make_url(normalise_database_url(server_url))
    name = f"mercato_sdk_{uuid.uuid4().hex[:10]}"
    admin = Database(url.set(database="postgres").render_as_string(hide_password=False))
    try:
        async with admin.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.engine.connect() as connection:
                autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
                await autocommit.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.dispose()


def _server_environment(base_url: str, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MERCATO_")}
    env |= {"MERCATO_PUBLIC_URL": base_url, "MERCATO_LOG_LEVEL": "WARNING", "MERCATO_DATABASE_URL": database_url}
    return env


def _tail(path: Path, limit: int = 4000) -> str:
    text = path.read_text("utf-8", "replace") if path.exists() else ""
    return text[-limit:] or "(the server wrote nothing)"


@contextmanager
def running_server(
    database_url: str, directory: Path, credentials: Credentials | None = None
) -> Iterator[MercatoServer]:
    """Initialise ``database_url`` and serve it until the block ends (or fails)."""
    credentials = credentials or Credentials()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = _server_environment(base_url, database_url)
    init = subprocess.run(
        [
            *MERCATO,
            *("init", "--database-url", database_url),
            *("--marketplace-id", credentials.marketplace_id),
            *("--admin-username", credentials.username, "--admin-password", credentials.password),
            *("--client-id", credentials.client_id, "--client-secret", credentials.client_secret),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if init.returncode != 0:
        raise RuntimeError(f"mercato init failed ({init.returncode}):\n{init.stdout}\n{init.stderr}")
    log_path = directory / "mercato-server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                *MERCATO,
                *("serve", "--database-url", database_url),
                *("--host", "127.0.0.1", "--port", str(port), "--workers", "1"),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops granian's workers too
        )
    try:
        _wait_until_healthy(process, base_url, log_path)
        yield MercatoServer(base_url, credentials, log_path, database_url)
    finally:
        _stop(process)


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    with httpx.Client(timeout=2.0, trust_env=False) as http:  # no proxy for loopback
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"mercato serve exited with {process.returncode}:\n{_tail(log_path)}")
            try:
                if http.get(f"{base_url}/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    raise RuntimeError(f"mercato serve did not answer /health within {STARTUP_TIMEOUT:.0f}s:\n{_tail(log_path)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (granian shuts its workers down), SIGKILL if it hangs."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)
        except ProcessLookupError:
            pass
    with suppress(ProcessLookupError, PermissionError):  # workers left behind by a server that died on its own
        os.killpg(process.pid, signal.SIGKILL)
