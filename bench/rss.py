"""Resident memory of a server's workers, read from /proc (Linux): the VmRSS of each child of the process that was
launched (``mercato serve`` and granian fork their workers, so the workers are its children)."""

from __future__ import annotations

from pathlib import Path

from bench.report import Figure, ratio

PROC = Path("/proc")


def worker_rss_mb(parent: int) -> list[float]:
    """VmRSS in MB of each child process of ``parent``, by PID; empty where /proc is not there."""
    return [_rss_mb(pid) for pid in sorted(_children(parent))]


def _children(parent: int) -> list[int]:
    children = []
    for entry in PROC.glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # The command name (field 2) is in parentheses and may hold spaces; the parent PID is two fields after.
        if int(stat.rpartition(")")[2].split()[1]) == parent:
            children.append(int(entry.name))
    return children


def _rss_mb(pid: int) -> float:
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # reported in kB
    return 0.0


def rss_figure(workers: list[float], bare: list[float]) -> Figure:
    def shown(sizes: list[float]) -> str:
        return ", ".join(f"{mb:.0f}" for mb in sizes) + " MB" if sizes else "n/a"

    mean, bare_mean = _mean(workers), _mean(bare)
    note = f"{ratio(mean, bare_mean)} (means); after the browse load" if workers and bare else "no /proc here"
    return Figure("RSS per server worker", shown(workers), f"bare: {shown(bare)}", note)


def _mean(sizes: list[float]) -> float:
    return sum(sizes) / len(sizes) if sizes else 0.0
