"""JSON out: msgspec encoding, and the 201-with-Location reply to a create."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from litestar import Response

T = TypeVar("T")

_encoder = msgspec.json.Encoder()


def json_bytes(value: Any) -> bytes:
    return _encoder.encode(value)


def created(item: T, location: str) -> Response[T]:
    return Response(item, status_code=201, headers={"Location": location})
