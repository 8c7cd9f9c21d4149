"""`mercato serve` as a real process: first start on an empty database bootstraps a marketplace, TLS works, and the
tokens name the URL the server was reached at (``iss``/``aud``, where integrations fetch the signing key)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
import httpx
import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from typer.testing import CliRunner

from mercato.bootstrap import Bootstrap, bootstrap
from mercato.cli import cli
from mercato.db.engine import Database
from mercato.settings import Settings

SERVER_ENV = ("MERCATO_DATABASE_URL", "MERCATO_HOST", "MERCATO_PORT", "MERCATO_TLS", "MERCATO_PUBLIC_URL")


def self_signed(directory: Path) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def words(text: str) -> str:
    """Text as single-spaced words, without the box rich draws around a usage error (its lines wrap)."""
    return " ".join(text.replace("│", " ").split())


def serve_command(port: int, database_url: str, *options: str) -> list[str]:
    command = [sys.executable, "-m", "mercato.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return [*command, "--database-url", database_url, *options]


def server_env(**extra: str) -> dict[str, str]:
    """The test's environment without any MERCATO_ setting a server would read, plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if key not in SERVER_ENV}
    return env | {"MERCATO_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"} | extra


@dataclass(frozen=True)
class Served:
    url: str
    """Where the test reaches the server: http(s)://127.0.0.1:{port}."""
    port: int
    log: Path

    def output(self) -> str:
        return self.log.read_text()


@contextmanager
def serving(directory: Path, database_url: str, *options: str, tls: bool = False, **env: str) -> Iterator[Served]:
    """``mercato serve`` on a free port until the block ends; its output goes to a file the test may read."""
    port = free_port()
    served = Served(f"http{'s' if tls else ''}://127.0.0.1:{port}", port, directory / f"serve-{port}.log")
    with served.log.open("w") as log:
        server = subprocess.Popen(
            serve_command(port, database_url, *options), stdout=log, stderr=subprocess.STDOUT, env=server_env(**env)
        )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status != 200:
            assert server.poll() is None, served.output()
            try:
                status = httpx.get(f"{served.url}/health", verify=False, timeout=2).status_code
            except httpx.HTTPError:
                time.sleep(0.3)
        assert status == 200, served.output()
        yield served
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_first_start_bootstraps_and_serves_https(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path}/serve.db"
    with serving(tmp_path, url, "--ssl-certfile", str(cert), "--ssl-keyfile", str(key), tls=True) as served:
        output = served.output()
    assert "created a first marketplace" in output
    assert "Get a token:" in output
    assert f"curl -s {served.url}/oauth/token " in output  # the greeting names the URL the server answers at
    assert f"Mercato on {served.url}\n" in output


def check_tokens_name_the_server(served: Served, plan: Bootstrap) -> None:
    """A token got at ``served.url`` has iss = aud = that URL, and ``{aud}/oauth/certs/{kid}`` verifies it."""
    login = {
        "grant_type": "password",
        "client_id": plan.client_id,
        "client_secret": plan.client_secret,
        "username": plan.admin_username,
        "password": plan.admin_password,
        "scope": "FullAccess",
    }
    with httpx.Client(verify=False, timeout=10) as http:
        response = http.post(f"{served.url}/oauth/token", data=login)
        assert response.status_code == 200, response.text
        token = response.json()["access_token"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["iss"] == served.url
        assert claims["aud"] == served.url
        certs = http.get(f"{claims['aud']}/oauth/certs/{jwt.get_unverified_header(token)['kid']}")  # as catalyst does
        assert certs.status_code == 200, certs.text
        key = jwt.PyJWK(certs.json()).key
        verified = jwt.decode(token, key, algorithms=["RS256"], audience=served.url, issuer=served.url)
        assert verified["usr"] == plan.admin_username
        me = http.get(f"{served.url}/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200, me.text  # every worker checks the same iss/aud it signs


def new_plan() -> Bootstrap:
    suffix = uuid.uuid4().hex[:8]
    return Bootstrap(f"mkt-{suffix}", f"root-{suffix}", "Very-Secret-Pass9", f"client-{suffix}", "client-secret-1")


@pytest.mark.slow
@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
async def test_tokens_name_the_address_port_and_scheme_served(
    tmp_path: Path, database: Database, database_url: str, tls: bool
) -> None:
    plan = new_plan()
    await bootstrap(database, plan)
    options: list[str] = []
    if tls:
        cert, key = self_signed(tmp_path)
        options = ["--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]

    def run() -> None:
        with serving(tmp_path, database_url, *options, "--workers", "2", tls=tls) as served:
            assert served.port != Settings().port
            for _ in range(3):  # several logins, so that both workers are likely to answer one
                check_tokens_name_the_server(served, plan)

    await anyio.to_thread.run_sync(run)


@pytest.mark.slow
async def test_an_explicit_public_url_still_names_the_tokens(
    tmp_path: Path, database: Database, database_url: str
) -> None:
    plan = new_plan()
    await bootstrap(database, plan)
    public = "https://shop.example.com/api"

    def run() -> None:
        with serving(tmp_path, database_url, MERCATO_PUBLIC_URL=public + "/") as served:
            login = {"grant_type": "client_credentials", "client_id": plan.client_id}
            login["client_secret"] = plan.client_secret
            token = httpx.post(f"{served.url}/oauth/token", data=login, timeout=10).json()["access_token"]
            claims = jwt.decode(token, options={"verify_signature": False})
            assert (claims["iss"], claims["aud"]) == (public, public)
            assert f"Mercato on {served.url} (tokens name {public})" in served.output()

    await anyio.to_thread.run_sync(run)


@pytest.mark.parametrize(
    ("settings", "issuer"),
    [
        (Settings(), "http://127.0.0.1:8080"),
        (Settings(host="localhost", port=9443, tls=True), "https://localhost:9443"),
        (Settings(host="::1", port=8000), "http://[::1]:8000"),
        (
            Settings(host="0.0.0.0", port=80, tls=True, public_url="https://shop.example.com"),
            "https://shop.example.com",
        ),
        (
            Settings.from_env({"MERCATO_HOST": "10.0.0.5", "MERCATO_PORT": "81", "MERCATO_TLS": "1"}),
            "https://10.0.0.5:81",
        ),
        (Settings.from_env({"MERCATO_TLS": "0", "MERCATO_PUBLIC_URL": "http://x.test/"}), "http://x.test"),
    ],
)
def test_the_issuer(settings: Settings, issuer: str) -> None:
    assert settings.issuer == issuer


@pytest.mark.slow
def test_every_interface_asks_for_a_public_url(tmp_path: Path) -> None:
    with serving(tmp_path, f"sqlite+aiosqlite:///{tmp_path}/any.db", "--host", "0.0.0.0") as served:
        output = served.output()
    assert f"curl -s http://0.0.0.0:{served.port}/oauth/token " in output
    assert f"Tokens name http://0.0.0.0:{served.port}, which other machines cannot reach" in output
    assert "set MERCATO_PUBLIC_URL" in output


@pytest.mark.slow
def test_a_second_server_on_a_port_in_use_exits_with_a_message(tmp_path: Path, database_url: str) -> None:
    other = tmp_path / "second.db"
    with serving(tmp_path, database_url) as served:
        second = subprocess.run(
            serve_command(served.port, f"sqlite+aiosqlite:///{other}"),
            env=server_env(),
            capture_output=True,
            text=True,
            timeout=60,  # a second server sharing the port (SO_REUSEPORT) would run until this expires
        )
        assert second.returncode == 1, second.stdout + second.stderr
        assert f"port {served.port} on 127.0.0.1 is already in use" in second.stderr
        assert httpx.get(f"{served.url}/health", timeout=5).status_code == 200  # the first one keeps serving
    assert not other.exists()  # refused before its database was created or migrated


def test_a_port_held_by_any_socket_is_refused(tmp_path: Path) -> None:
    environment = dict(os.environ)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--host", "127.0.0.1", "--port", str(port)], env=server_env())
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.output
    assert dict(os.environ) == environment  # refused before it exported anything for workers


@pytest.mark.parametrize("given", ["--ssl-certfile", "--ssl-keyfile"])
def test_half_a_tls_pair_is_refused(tmp_path: Path, given: str) -> None:
    cert, key = self_signed(tmp_path)
    database = tmp_path / "tls.db"
    options = ["--port", str(free_port()), "--database-url", f"sqlite+aiosqlite:///{database}"]
    options += [given, str(cert if given == "--ssl-certfile" else key)]
    result = CliRunner().invoke(cli, ["serve", *options], env=server_env(COLUMNS="1000"))
    assert result.exit_code == 2, result.output
    missing = "--ssl-keyfile" if given == "--ssl-certfile" else "--ssl-certfile"
    assert f"{given} needs {missing} too" in words(result.output)
    assert not database.exists()


def test_a_missing_tls_file_is_refused(tmp_path: Path) -> None:
    cert, _ = self_signed(tmp_path)
    options = ["--port", str(free_port()), "--ssl-certfile", str(cert), "--ssl-keyfile", str(tmp_path / "nope.pem")]
    url = f"sqlite+aiosqlite:///{tmp_path}/x.db"
    result = CliRunner().invoke(cli, ["serve", *options, "--database-url", url], env=server_env(COLUMNS="1000"))
    assert result.exit_code == 2
    assert f"no such file: {tmp_path / 'nope.pem'}" in words(result.output)
