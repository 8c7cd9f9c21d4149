"""Seeding as an operator does it: ``mercato seed --bench --products N`` run as a subprocess, timed from launch to
exit (migrating the empty database included), into the marketplace the catalog scenarios use."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.catalog import MARKETPLACE
from bench.fresh import fresh_database
from bench.report import Figure
from bench.server import ROOT


def seed_with_cli(url: str, products: int) -> float:
    """Seconds that ``mercato seed --bench`` took to fill the database at ``url`` with ``products`` products."""
    argv = [sys.executable, "-m", "mercato.cli", "seed", "--bench", "--products", str(products)]
    argv += ["--marketplace-id", MARKETPLACE]
    env = {**os.environ, "MERCATO_DATABASE_URL": url}  # not in argv, where a password would be on show
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # stdout: its progress bars
    return time.perf_counter() - started


def seeding_figures(like: str, directory: str, products: int) -> list[Figure]:
    with fresh_database(like, directory) as url:
        seconds = seed_with_cli(url, products)
    kind = url.split("+")[0]
    return [
        Figure(
            f"seeding: mercato seed --bench --products {products:,}", f"{seconds:.2f} s", note=f"fresh {kind} database"
        ),
        Figure("seeding: products/s", f"{products / seconds:,.0f}", note="200 buyers and their assignments included"),
    ]
