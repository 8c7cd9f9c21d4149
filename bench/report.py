"""The tables `make bench` prints: requests/s per scenario (each beside its baseline, as a ratio), iterations/s
per flow, and the figures that are not a request rate (growth, seeding, writes, memory, cold start)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

from bench.load import Result


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: str
    baseline: str = ""
    note: str = ""
    """The ratio to the baseline when there is one, else what the value means."""


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2g}x" if baseline else "n/a"


def requests_table(rows: list[tuple[str, Result, str | None]], baselines: dict[str, Result]) -> Table:
    """Rows of (scenario, result, key of its baseline in ``baselines``), the baselines' own rows first."""
    table = Table(title="requests/s and latency (ms) per scenario; ratio: req/s over the baseline's req/s")
    for column in ("scenario", "req/s", "p50", "p99", "requests", "non-2xx", "baseline", "baseline req/s", "ratio"):
        table.add_column(column, justify="left" if column in ("scenario", "baseline") else "right")
    for name, result in baselines.items():
        table.add_row(name, *_figures(result), "", "", "")
    for name, result, key in rows:
        bare = baselines.get(key) if key else None
        comparison = (key, f"{bare.throughput:,.0f}", ratio(result.throughput, bare.throughput)) if bare else ("",) * 3
        table.add_row(name, *_figures(result), *comparison)
    return table


def _figures(result: Result) -> tuple[str, ...]:
    return (
        f"{result.throughput:,.0f}",
        f"{result.percentile(0.50):.2f}",
        f"{result.percentile(0.99):.2f}",
        f"{len(result.latencies):,}",
        str(result.errors),
    )


def flow_table(rows: list[tuple[str, Result]]) -> Table:
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
            f"{request_rate(result):,.0f}",
            str(result.failed),
            str(result.errors),
            " ".join(f"{result.percentile(0.50, step):.0f}" for step in result.steps),
        )
    return table


def request_rate(result: Result) -> float:
    return result.requests / result.elapsed if result.elapsed else 0.0


def figures_table(figures: list[Figure]) -> Table:
    table = Table(title="other figures")
    for column in ("figure", "value", "baseline", "ratio / note"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for figure in figures:
        table.add_row(figure.name, figure.value, figure.baseline, figure.note)
    return table
