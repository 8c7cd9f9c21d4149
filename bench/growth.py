"""Growth: what a larger catalog costs ``/me/products``. For each size (``--growth 10000,100000``) a fresh
database seeded by the CLI, a server on it, and the browsing mix (bench.catalog.browsing) from one connection, so
the p50 is a request's own latency rather than its wait behind others; then the largest size's p50 over the
smallest's."""

from __future__ import annotations

import asyncio

from bench import server
from bench.catalog import bearer, browsing, shopper_token
from bench.fresh import fresh_database
from bench.load import settle_and_measure
from bench.report import Figure, ratio
from bench.seeding import seed_with_cli
from mercato.db.engine import Database
from mercato.settings import Settings

SETTLE_WITHIN = 120.0
"""At most this long a warm-up, while the first lists build the shopper's views (mercato.catalog.shopper_views)."""


def sizes(text: str) -> list[int]:
    """``--growth`` as written: catalog sizes separated by commas."""
    return sorted(int(size.replace("_", "")) for size in text.split(",") if size.strip())


def growth_figures(
    catalog_sizes: list[int], like: str, directory: str, workers: int, seconds: float, env: dict[str, str]
) -> list[Figure]:
    figures, p50s = [], []
    for size in catalog_sizes:
        with fresh_database(like, directory) as url:
            seeding = seed_with_cli(url, size)
            token = asyncio.run(_shopper_token(url))
            with server.mercato(workers, env | {"MERCATO_DATABASE_URL": url}, server.answers("/health")) as mercato:
                work = browsing(bearer(token))
                warm_up, result = settle_and_measure(server.HOST, mercato.port, work, seconds, 1, SETTLE_WITHIN)
        p50s.append(result.percentile(0.50))
        note = (
            f"1 connection, {len(result.latencies):,} requests, non-2xx {result.errors}; seeded in {seeding:.1f} s; "
            f"warmed up {warm_up:.1f} s (the shopper's views are built by its first lists)"
        )
        figures.append(Figure(f"growth: /me/products p50 at {size:,} products", f"{p50s[-1]:.2f} ms", note=note))
    if len(p50s) > 1:
        name = f"growth: p50 at {catalog_sizes[-1]:,} over p50 at {catalog_sizes[0]:,}"
        figures.append(Figure(name, ratio(p50s[-1], p50s[0]), note="1.0x: latency does not grow with the catalog"))
    return figures


async def _shopper_token(url: str) -> str:
    database = Database(url)
    try:
        return await shopper_token(database, Settings(database_url=url))
    finally:
        await database.dispose()
