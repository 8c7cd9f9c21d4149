"""Route matching that ignores the case of literal path segments.

The official SDKs spell the same route differently (``/me/spendingAccounts`` and ``/me/spendingaccounts``), so
before routing, each literal segment of the request path is replaced by the registered spelling. Path
parameters (IDs) are never touched: ``/v1/Buyers/ABC`` routes as ``/v1/buyers/ABC``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import unquote

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send


@dataclass(slots=True)
class _Node:
    literals: dict[str, tuple[str, _Node]] = field(default_factory=dict)
    """lower-cased segment -> (registered spelling, child)"""
    parameter: _Node | None = None
    terminal: bool = False


class PathCanon:
    """Maps request paths onto the spelling of the registered route templates."""

    def __init__(self, templates: Iterable[str]) -> None:
        self._root = _Node()
        for template in templates:
            node = self._root
            for segment in template.strip("/").split("/"):
                if not segment:
                    continue
                if segment.startswith("{"):
                    node.parameter = node.parameter or _Node()
                    node = node.parameter
                else:
                    _, child = node.literals.setdefault(segment.lower(), (segment, _Node()))
                    node = child
            node.terminal = True

    def canonical(self, path: str) -> str:
        """The registered spelling of ``path``, or ``path`` unchanged when no route matches it."""
        segments = [segment for segment in path.split("/") if segment]
        found = self._walk(self._root, segments, 0)
        if found is None:
            return path
        return "/" + "/".join(found) + ("/" if path.endswith("/") and found else "")

    def _walk(self, node: _Node, segments: list[str], index: int) -> list[str] | None:
        if index == len(segments):
            return [] if node.terminal else None
        segment = segments[index]
        literal = node.literals.get(segment.lower())
        if literal is not None:  # a literal beats a parameter, as in the router itself
            rest = self._walk(literal[1], segments, index + 1)
            if rest is not None:
                return [literal[0], *rest]
        if node.parameter is not None:
            rest = self._walk(node.parameter, segments, index + 1)
            if rest is not None:
                return [segment, *rest]
        return None


class CanonicalPaths:
    """ASGI wrapper: rewrites ``scope["path"]`` to the canonical spelling before the app routes it."""

    def __init__(self, app: ASGIApp, canon: PathCanon) -> None:
        self.app = app
        self.canon = canon

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            path = _with_encoded_slashes(scope.get("raw_path")) or scope["path"]
            canonical = self.canon.canonical(path)
            if canonical != scope["path"]:
                scope = cast("Scope", {**scope, "path": canonical})
        await self.app(scope, receive, send)


def _with_encoded_slashes(raw_path: bytes | None) -> str | None:
    """The decoded path with each ``%2F`` kept as the text ``%2F``, or None when ``raw_path`` has none (almost
    every request: one bytes search)."""
    if not raw_path or (b"%2F" not in raw_path and b"%2f" not in raw_path):
        return None
    raw = raw_path.decode("latin-1").partition("?")[0]
    return "/".join(unquote(segment.replace("%2F", "%252F").replace("%2f", "%252F")) for segment in raw.split("/"))
