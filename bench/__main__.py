"""`make bench`: start Mercato and a bare Litestar+msgspec baseline on loopback, load each from a second
process for a bounded time, print requests/s and p50/p99 latency per scenario beside the baseline route of the
same shape (as a ratio), iterations/s and p50/p99 per iteration for the scenarios made of flows (placing an order,
admin writes), and a table of the other figures: admin writes/s, RSS per worker, cold start, seeding time, and
with --growth the /me/products p50 per catalog size.

    python -m bench [--seconds 5] [--concurrency 32] [--workers 2] [--database-url URL] [--products N]
                    [--only TEXT] [--growth 10000,100000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile

from rich.console import Console

from bench import catalog, server
from bench.growth import growth_figures, sizes
from bench.load import Flow, Request, Result, measure
from bench.report import Figure, figures_table, flow_table, requests_table
from bench.rss import rss_figure, worker_rss_mb
from bench.scenarios import BASELINES, DOCUMENT, SCENARIOS, WRITES, Scenario
from bench.seeding import seeding_figures
from bench.work import Setup, Work
from bench.writes import writes_figure
from mercato.db.engine import Database
from mercato.db.migrate import migrate
from mercato.settings import Settings, normalise_database_url

COLD_START = "cold start: mercato serve to first POST /oauth/token"
RSS = "RSS per server worker"
SEEDING = "seeding"


def main() -> None:
    args = _arguments()
    if args.products:
        os.environ["BENCH_PRODUCTS"] = str(args.products)

    def wanted(name: str) -> bool:
        return not args.only or args.only in name

    with tempfile.TemporaryDirectory(prefix="mercato-bench-") as tmp:
        url = normalise_database_url(args.database_url or f"sqlite+aiosqlite:///{tmp}/bench.db")
        scenarios = [s for s in SCENARIOS if wanted(s.name)]
        login = wanted(COLD_START)  # a password grant for the catalog's admin: the catalog must be seeded
        works = asyncio.run(_prepare(url, [s.setup for s in scenarios], seed_catalog=login))
        console = Console(width=None if sys.stdout.isatty() else 200)
        console.print(
            f"[bold]Mercato bench[/]: {args.workers} server worker(s), {args.concurrency} connections, "
            f"{args.seconds:g} s per scenario, database {url.split('://')[0]}, {os.cpu_count()} CPUs"
        )
        figures: list[Figure] = []

        needed = [key for key in BASELINES if any(s.baseline == key for s in scenarios)] or [DOCUMENT]
        with server.baseline(args.workers) as bare:
            baselines = {key: _measure(bare.port, BASELINES[key], args) for key in needed}
            bare_rss = worker_rss_mb(bare.pid)

        env = {"MERCATO_DATABASE_URL": url, "MERCATO_LOG_LEVEL": "WARNING", "MERCATO_PUBLIC_URL": Settings().issuer}
        probe = server.logs_in(catalog.admin_login()) if login else server.answers("/health")
        browse = [(s, w) for s, w in zip(scenarios, works, strict=True) if not _is_flow(w)]
        flows = [(s, w) for s, w in zip(scenarios, works, strict=True) if _is_flow(w)]
        browsed: list[tuple[Scenario, Result]] = []
        flowed: list[tuple[Scenario, Result]] = []
        if works or login or wanted(RSS):  # else (say --only growth) this database has nothing to serve
            with server.mercato(args.workers, env, probe) as mercato:
                if login:
                    cold = f"{mercato.up_after:.2f} s"
                    figures.append(Figure(COLD_START, cold, note="password grant of the catalog admin"))
                browsed += [(s, _run(mercato.port, w, args)) for s, w in browse]
                if wanted(RSS):
                    figures.append(rss_figure(worker_rss_mb(mercato.pid), bare_rss))
                flowed += [(s, _run(mercato.port, w, args)) for s, w in flows]

        figures += [writes_figure(result) for scenario, result in flowed if scenario.name == WRITES]
        if wanted(SEEDING):
            figures += seeding_figures(url, tmp, catalog.shape().products)
        if args.growth:
            figures += growth_figures(args.growth, url, tmp, args.workers, args.seconds, env)

        console.print(requests_table([(s.name, result, s.baseline) for s, result in browsed], baselines))
        if flowed:
            console.print(flow_table([(s.name, result) for s, result in flowed]))
        if figures:
            console.print(figures_table(figures))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--concurrency", type=int, default=int(os.environ.get("BENCH_CONCURRENCY", 32)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 2)))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--only", help="run only the scenarios and figures whose name contains this text")
    parser.add_argument("--products", type=int, help="catalog size for the product scenarios (BENCH_PRODUCTS)")
    parser.add_argument(
        "--growth",
        type=sizes,
        help="catalog sizes (e.g. 10000,100000) at which to measure /me/products at 1 connection; default off",
    )
    return parser.parse_args()


async def _prepare(url: str, setups: list[Setup], seed_catalog: bool) -> list[Work]:
    database = Database(url)
    settings = Settings(database_url=url)
    shared: dict[str, str] = {}
    try:
        await migrate(database)
        if seed_catalog:
            await catalog.seeded(database, settings, shared)
        works = [await setup(database, settings, shared) for setup in setups]
        return [work if isinstance(work, Work) else Work(work) for work in works]
    finally:
        await database.dispose()


def _is_flow(work: Work) -> bool:
    return any(isinstance(item, Flow) for item in work.load)


def _run(port: int, work: Work, args: argparse.Namespace) -> Result:
    server.send(port, work.before)
    try:
        return _measure(port, work.load, args)
    finally:
        server.send(port, work.after)


def _measure(port: int, load: list[Request] | list[Flow], args: argparse.Namespace) -> Result:
    return measure(server.HOST, port, load, args.seconds, args.concurrency)


if __name__ == "__main__":
    main()
