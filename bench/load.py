"""A small HTTP/1.1 load generator: keep-alive connections on loopback, closed loop, for a fixed time.

Written on raw asyncio streams because a full client (httpx) costs more CPU per request than the servers under
test; the generator must not be the bottleneck."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field


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


@dataclass(slots=True)
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
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


def load_in_child(host: str, port: int, requests: list[Request], seconds: float, concurrency: int) -> Result:
    """Entry point for the load process."""
    return asyncio.run(run_load(host, port, requests, seconds, concurrency))
