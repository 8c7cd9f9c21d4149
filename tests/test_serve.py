"""`mercato serve` as a real process: first start on an empty database bootstraps a marketplace, and TLS works."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


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


def test_first_start_bootstraps_and_serves_https(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "mercato.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--database-url", f"sqlite+aiosqlite:///{tmp_path}/serve.db"]
    command += ["--ssl-certfile", str(cert), "--ssl-keyfile", str(key)]
    env = {**os.environ, "MERCATO_LOG_LEVEL": "WARNING"}
    env.pop("MERCATO_DATABASE_URL", None)
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status != 200:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                status = httpx.get(f"https://127.0.0.1:{port}/health", verify=False, timeout=2).status_code
            except httpx.HTTPError:
                time.sleep(0.3)
        assert status == 200
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "created a first marketplace" in output
    assert "Get a token:" in output
