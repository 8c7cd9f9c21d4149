"""A small HTTP/1.1 load generator: keep-alive connections on loopback, closed loop, for a fixed time.

Written on raw asyncio streams because a full client (httpx) costs more CPU per request than the servers under
test; the generator must not be the bottleneck.

Two kinds of work: a list of :class:`Request` (each connection sends them round-robin, one measured request at
a time), or a list of :class:`Flow` (each connection repeats one flow: several requests in order, measured as one
iteration, e.g. placing an order)."""

from __future__ import annotations

import asyncio
import multiprocessing
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.body or self.method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


KEY = "{key}"
"""In a flow step's path or body: replaced by a key unique to the iteration (and to the run)."""


@dataclass(frozen=True, slots=True)
class Flow:
    """One iteration of a multi-request scenario: ``steps`` sent in order on one connection, each answered before
    the next goes out. ``{key}`` in a path or body becomes a key unique to the iteration, so every iteration can
    create rows of its own (an order with that ID) without reading what the server answered. An iteration counts
    as completed only when every step was answered 2xx; its latency is that of the whole sequence."""

    steps: tuple[Request, ...]

    def encode(self, host: str, key: str) -> list[bytes]:
        raw = KEY.encode()
        return [
            replace(step, path=step.path.replace(KEY, key), body=step.body.replace(raw, key.encode())).encode(host)
            for step in self.steps
        ]


@dataclass(slots=True)
class Result:
    latencies: list[float] = field(default_factory=list)
    """Per request; for flows, per completed iteration."""
    statuses: dict[int, int] = field(default_factory=dict)
    """Answers by status, every request counted (flow steps too)."""
    elapsed: float = 0.0
    iterations: bool = False
    """True for flows: ``latencies`` and ``throughput`` are per iteration."""
    failed: int = 0
    """Flow iterations with a non-2xx answer (or a dropped connection): not in ``latencies``."""
    steps: list[list[float]] = field(default_factory=list)
    """For flows: the latencies of each step (by its index), answered 2xx or not."""

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float, latencies: list[float] | None = None) -> float:
        ordered = sorted(self.latencies if latencies is None else latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 400)


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"content-length":
            length = int(value.strip())
        elif lowered == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


DROPPED = 599
"""Recorded when the server closes the connection instead of answering; the generator reconnects."""


async def _connection(host: str, port: int, payloads: list[bytes], deadline: float, result: Result) -> None:
    index = 0
    while time.perf_counter() < deadline:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                writer.write(payloads[index % len(payloads)])
                index += 1
                status = await _read_response(reader)
                result.latencies.append(time.perf_counter() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
        except (asyncio.IncompleteReadError, ConnectionError):
            result.statuses[DROPPED] = result.statuses.get(DROPPED, 0) + 1
        finally:
            writer.close()


async def run_load(host: str, port: int, requests: list[Request], seconds: float, concurrency: int) -> Result:
    payloads = [request.encode(f"{host}:{port}") for request in requests]
    result = Result()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_connection(host, port, payloads[i:] + payloads[:i], deadline, result) for i in range(concurrency))
    )
    result.elapsed = time.perf_counter() - started
    return result


async def _flow_connection(host: str, port: int, flow: Flow, prefix: str, deadline: float, result: Result) -> None:
    authority = f"{host}:{port}"
    iteration = 0
    while time.perf_counter() < deadline:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline:
                iteration += 1
                payloads = flow.encode(authority, f"{prefix}-{iteration}")
                started = sent = time.perf_counter()
                completed = True
                for step, payload in enumerate(payloads):
                    writer.write(payload)
                    status = await _read_response(reader)
                    answered = time.perf_counter()
                    result.steps[step].append(answered - sent)
                    sent = answered
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    completed = completed and 200 <= status < 300
                if completed:
                    result.latencies.append(sent - started)
                else:
                    result.failed += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            result.statuses[DROPPED] = result.statuses.get(DROPPED, 0) + 1
            result.failed += 1
        finally:
            writer.close()


async def run_flows(host: str, port: int, flows: list[Flow], seconds: float, concurrency: int) -> Result:
    """Connection ``i`` repeats ``flows[i % len(flows)]``; keys are ``{run}-{i}-{n}``, the run's part random."""
    run = secrets.token_hex(3)
    result = Result(iterations=True, steps=[[] for _ in range(max(len(flow.steps) for flow in flows))])
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(
            _flow_connection(host, port, flows[i % len(flows)], f"{run}-{i}", deadline, result)
            for i in range(concurrency)
        )
    )
    result.elapsed = time.perf_counter() - started
    return result


def load_in_child(
    host: str, port: int, work: Sequence[Request] | Sequence[Flow], seconds: float, concurrency: int
) -> Result:
    """Entry point for the load process."""
    flows = [item for item in work if isinstance(item, Flow)]
    if flows:
        return asyncio.run(run_flows(host, port, flows, seconds, concurrency))
    requests = [item for item in work if isinstance(item, Request)]
    return asyncio.run(run_load(host, port, requests, seconds, concurrency))


def measure(host: str, port: int, work: Sequence[Request] | Sequence[Flow], seconds: float, concurrency: int) -> Result:
    """Warm up, then load from a separate process so the generator never shares a core's time slices with us."""
    return settle_and_measure(host, port, work, seconds, concurrency)[1]


SETTLED_REQUESTS = 20
"""A warm-up round with fewer requests is still paying for first requests: not settled, however alike."""


def settle_and_measure(
    host: str,
    port: int,
    work: Sequence[Request] | Sequence[Flow],
    seconds: float,
    concurrency: int,
    settle_within: float = 0.0,
) -> tuple[float, Result]:
    """Warm up (for up to ``settle_within`` seconds: in rounds, until a round of at least SETTLED_REQUESTS has a
    p50 within 20% of the one before, as when a server builds read models on its first requests), then measure.
    Returns the warm-up's length and the measurement."""
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        previous: float | None = None
        while True:
            round_: Result = pool.apply(load_in_child, (host, port, work, min(1.0, seconds), concurrency))
            p50 = round_.percentile(0.50)
            settled = previous is not None and p50 <= previous * 1.2 and len(round_.latencies) >= SETTLED_REQUESTS
            if settled or time.monotonic() - started >= settle_within:
                break
            previous = p50
        warm_up = time.monotonic() - started
        result: Result = pool.apply(load_in_child, (host, port, work, seconds, concurrency))
        return warm_up, result
