"""The servers under test, each started on loopback as a subprocess with the run's number of workers: Mercato
(``mercato serve``, which spawns its granian workers itself) and the baseline (granian serving bench.baseline).

A server is up when its probe first succeeds; the seconds from launch to that moment are kept, so a probe that is
a real login (a password grant) makes Mercato's start a measured cold start."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.load import Request

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.02
"""Short, since the cold start is read from the probes: it is known to this precision."""
START_SECONDS = 60

Probe = Callable[[str], bool]
"""Given the server's base URL: True once it answers as it should, False while it does not answer yet."""


@dataclass(frozen=True, slots=True)
class Server:
    port: int
    pid: int
    up_after: float
    """Seconds from launching the process to the first successful probe."""


def answers(path: str) -> Probe:
    def probe(base: str) -> bool:
        return httpx.get(base + path, timeout=5).status_code == 200

    return probe


def logs_in(form: dict[str, str]) -> Probe:
    """Ready when ``POST /oauth/token`` with this form grants a token; a refusal (4xx) ends the run, since no
    later attempt would succeed."""

    def probe(base: str) -> bool:
        response = httpx.post(base + "/oauth/token", data=form, timeout=5)
        if 400 <= response.status_code < 500:
            raise SystemExit(f"POST /oauth/token answered {response.status_code}: {response.text}")
        return response.status_code == 200

    return probe


@contextlib.contextmanager
def mercato(workers: int, env: dict[str, str], probe: Probe) -> Iterator[Server]:
    with _serve(["-m", "mercato.cli", "serve", "--workers", str(workers)], env, probe) as server:
        yield server


@contextlib.contextmanager
def baseline(workers: int) -> Iterator[Server]:
    command = ["-m", "granian", "--interface", "asgi", "--factory", "bench.baseline:factory", "--no-ws"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    with _serve(command, {}, answers("/ping")) as server:
        yield server


@contextlib.contextmanager
def _serve(command: list[str], env: dict[str, str], probe: Probe) -> Iterator[Server]:
    port = _free_port()
    argv = [sys.executable, *command, "--host", HOST, "--port", str(port)]
    launched = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    try:
        _wait_until_up(f"http://{HOST}:{port}", probe, process)
        yield Server(port, process.pid, time.perf_counter() - launched)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait_until_up(base: str, probe: Probe, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if probe(base):
                return
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"server did not come up within {START_SECONDS} s")


def send(port: int, requests: Sequence[Request]) -> None:
    """Send each request once, in order (a scenario's set-up or clean-up); anything but 2xx ends the run."""
    with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=30) as client:
        for request in requests:
            response = client.request(request.method, request.path, headers=request.headers, content=request.body)
            if not response.is_success:
                raise SystemExit(f"{request.method} {request.path} answered {response.status_code}: {response.text}")
