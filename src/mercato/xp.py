"""Extended properties: any JSON object of at most 8000 bytes once encoded, or null when never set."""

from __future__ import annotations

from typing import Any

import msgspec

from mercato.errors import ValidationFailure

XP_MAX_BYTES = 8000


def check_xp(value: Any, field: str = "xp") -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationFailure(f"{field} must be a JSON object", field)
    size = len(msgspec.json.encode(value))
    if size > XP_MAX_BYTES:
        raise ValidationFailure(f"{field} is {size} bytes encoded; the limit is {XP_MAX_BYTES}", field)
    return value
