from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request

from mercato.errors import ValidationFailure
from mercato.listing import ListQuery, ListSpec, parse_list_query


def query_pairs(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    """The query string as decoded (key, value) pairs in order, repeated keys kept, blank values kept.

    Parsed here rather than by the framework so that no byte sequence, however malformed, can raise: raw
    non-ASCII bytes pass as Latin-1 characters and invalid percent-escapes decode to U+FFFD."""
    raw: bytes = request.scope.get("query_string", b"")
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="replace")
    for key, value in pairs:
        if "\x00" in key or "\x00" in value:  # PostgreSQL cannot compare text holding NUL: refuse it here, once
            raise ValidationFailure("Query parameters may not contain NUL characters", key.replace("\x00", ""))
    return pairs


def list_query(request: Request[Any, Any, Any], spec: ListSpec) -> ListQuery:
    return parse_list_query(query_pairs(request), spec)
