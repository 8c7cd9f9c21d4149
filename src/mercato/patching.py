"""PATCH semantics (docs/decisions/0004-put-patch-xp.md), as pure functions over decoded JSON.

Top-level model fields that are sent replace the stored value (``null`` sets null). Nested objects, xp included,
are merged key by key, recursively; arrays are replaced whole. Inside xp (and any nested object) ``null``
removes the key, as JSON Merge Patch (RFC 7396) does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def patch_model(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(current)
    for key, value in changes.items():
        existing = result.get(key)
        if isinstance(value, Mapping):
            result[key] = merge_object(existing if isinstance(existing, Mapping) else {}, value)
        else:
            result[key] = value
    return result


def merge_object(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(current)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merge_object(result[key], value)
        elif isinstance(value, Mapping):
            result[key] = merge_object({}, value)  # a new object: still drop its null members
        else:
            result[key] = value
    return result
