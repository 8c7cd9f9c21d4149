from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request

from mercato.listing import ListQuery, ListSpec, parse_list_query


def query_pairs(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    """The query string as decoded (key, value) pairs in order, repeated keys kept, blank values kept.

    Parsed here rather than by the framework so that no byte sequence, however malformed, can raise: raw
    non-ASCII bytes pass as Latin-1 characters and invalid percent-escapes decode to U+FFFD."""
    raw: bytes = request.scope.get("query_string", b"")
    return parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="replace")


def list_query(request: Request[Any, Any, Any], spec: ListSpec) -> ListQuery:
    return parse_list_query(query_pairs(request), spec)
