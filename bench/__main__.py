"""`make bench`: start Mercato and a bare Litestar+msgspec baseline on loopback, load each from a second
process for a bounded time, print requests/s and p50/p99 latency per scenario (and, for the scenarios made of
flows, such as placing an order, iterations/s and p50/p99 per iteration in a second table).

    python -m bench [--seconds 5] [--concurrency 32] [--workers 1] [--database-url URL] [--products N] [--only TEXT]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from bench.load import Flow, Request, Result, load_in_child
from bench.scenarios import SCENARIOS, Setup
from mercato.db.engine import Database
from mercato.db.migrate import migrate
from mercato.settings import Settings, normalise_database_url

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--concurrency", type=int, default=int(os.environ.get("BENCH_CONCURRENCY", 32)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 1)))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--only", help="run only scenarios whose name contains this text")
    parser.add_argument("--products", type=int, help="catalog size for the product scenarios (BENCH_PRODUCTS)")
    args = parser.parse_args()
    if args.products:
        os.environ["BENCH_PRODUCTS"] = str(args.products)

    with tempfile.TemporaryDirectory(prefix="mercato-bench-") as tmp:
        url = normalise_database_url(args.database_url or f"sqlite+aiosqlite:///{tmp}/bench.db")
        scenarios = [s for s in SCENARIOS if not args.only or args.only in s.name]
        requests = asyncio.run(_prepare(url, [s.setup for s in scenarios]))
        console = Console()
        console.print(
            f"[bold]Mercato bench[/]: {args.workers} server worker(s), {args.concurrency} connections, "
            f"{args.seconds:g} s per scenario, database {url.split('://')[0]}, {os.cpu_count()} CPUs"
        )
        rows: list[tuple[str, Result]] = []
        with _server(["-m", "granian", "--interface", "asgi", "--factory", "bench.baseline:factory"], args, {}) as port:
            rows.append(("baseline: bare Litestar+msgspec", _measure(port, [Request("GET", "/ping")], args)))
        env = {"MERCATO_DATABASE_URL": url, "MERCATO_LOG_LEVEL": "WARNING", "MERCATO_PUBLIC_URL": Settings().issuer}
        with _server(["-m", "mercato.cli", "serve"], args, env, mercato=True) as port:
            for scenario, scenario_requests in zip(scenarios, requests, strict=True):
                rows.append((scenario.name, _measure(port, scenario_requests, args)))
        console.print(_table([(name, result) for name, result in rows if not result.iterations]))
        if flows := [(name, result) for name, result in rows if result.iterations]:
            console.print(_flow_table(flows))


async def _prepare(url: str, setups: list[Setup]) -> list[list[Request] | list[Flow]]:
    database = Database(url)
    settings = Settings(database_url=url)
    shared: dict[str, str] = {}
    try:
        await migrate(database)
        return [await setup(database, settings, shared) for setup in setups]
    finally:
        await database.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _server(command: list[str], args: argparse.Namespace, env: dict[str, str], mercato: bool = False) -> Iterator[int]:
    port = _free_port()
    if mercato:
        argv = [sys.executable, *command, "--host", HOST, "--port", str(port), "--workers", str(args.workers)]
    else:
        argv = [sys.executable, *command, "--host", HOST, "--port", str(port), "--workers", str(args.workers)]
        argv += ["--no-ws", "--log-level", "warning"]
    process = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    try:
        _wait_until_up(port, "/health" if mercato else "/ping", process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(port: int, path: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://{HOST}:{port}{path}", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit("server did not come up within 60 s")


def _measure(port: int, requests: list[Request] | list[Flow], args: argparse.Namespace) -> Result:
    """Warm up, then load from a separate process so the generator never shares a core's time slices with us."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(load_in_child, (HOST, port, requests, min(1.0, args.seconds), args.concurrency))
        return pool.apply(load_in_child, (HOST, port, requests, args.seconds, args.concurrency))


def _table(rows: list[tuple[str, Result]]) -> Table:
    table = Table(title="requests/s and latency (ms) per scenario")
    for column in ("scenario", "req/s", "p50", "p99", "requests", "non-2xx"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for name, result in rows:
        table.add_row(
            name,
            f"{result.throughput:,.0f}",
            f"{result.percentile(0.50):.2f}",
            f"{result.percentile(0.99):.2f}",
            f"{len(result.latencies):,}",
            str(result.errors),
        )
    return table


def _flow_table(rows: list[tuple[str, Result]]) -> Table:
    table = Table(title="iterations/s and latency (ms) per iteration (its requests in sequence)")
    for column in ("scenario", "iter/s", "p50", "p99", "iters", "req/s", "failed", "non-2xx", "p50 by step"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for name, result in rows:
        table.add_row(
            name,
            f"{result.throughput:,.1f}",
            f"{result.percentile(0.50):.2f}",
            f"{result.percentile(0.99):.2f}",
            f"{len(result.latencies):,}",
            f"{result.requests / result.elapsed if result.elapsed else 0.0:,.0f}",
            str(result.failed),
            str(result.errors),
            " ".join(f"{result.percentile(0.50, step):.0f}" for step in result.steps),
        )
    return table


if __name__ == "__main__":
    main()
