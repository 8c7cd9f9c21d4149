"""JSON to models and back, with msgspec; malformed input becomes the matching OrderCloud 400."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec

from mercato.errors import BadRequest, ErrorCode, ValidationFailure

T = TypeVar("T")

_FIELD_PATH = re.compile(r"at `\$\.?([^`]*)`")
_MISSING_FIELD = re.compile(r"missing required field `([^`]*)`")


_NUL_ESCAPE = b"\\u0000"
"""JSON can carry a NUL character only as this escape, so bodies without it need no further look."""

MAX_DEPTH = 32
"""How deeply arrays and objects may nest in a request body (docs/decisions/0023-hostile-input.md). xp is a
document, not a stack: deeper input is refused at decode time, before anything walks it recursively."""

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def decode(body: bytes, model: type[T]) -> T:
    _check_depth(body)
    try:
        value = msgspec.json.decode(body, type=model)
    except msgspec.ValidationError as error:
        raise validation_failure(error) from None
    except msgspec.DecodeError as error:
        raise BadRequest(ErrorCode.INVALID_REQUEST_BODY, f"The request body is not valid JSON: {error}") from None
    except UnicodeDecodeError:
        # msgspec 0.22 lets invalid UTF-8 in a string escape as UnicodeDecodeError (0.23 says DecodeError).
        raise BadRequest(ErrorCode.INVALID_REQUEST_BODY, "The request body is not valid UTF-8") from None
    if _NUL_ESCAPE in body:
        _reject_nul(msgspec.to_builtins(value))
    return value


def _check_depth(body: bytes) -> None:
    """BadRequest when arrays and objects nest more than MAX_DEPTH deep. A body with fewer opening brackets than
    that cannot be too deep, which settles almost every request with two C-speed counts; the rest are scanned
    bracket by bracket, with string literals (which may hold brackets) blanked out first."""
    if body.count(b"[") + body.count(b"{") <= MAX_DEPTH:
        return
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b'""', body)):
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise BadRequest(
                    ErrorCode.INVALID_REQUEST_BODY,
                    f"The request body nests arrays and objects more than {MAX_DEPTH} deep",
                    {"MaxDepth": MAX_DEPTH},
                )
        else:
            depth -= 1


def _reject_nul(value: Any, path: str = "") -> None:
    """ValidationFailure for a NUL character in any string or key: PostgreSQL cannot store one in text or jsonb
    (a 500 there), and SQLite would, so both databases refuse it alike."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationFailure("Text may not contain NUL characters", path or None)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and "\x00" in key:
                raise ValidationFailure("Keys may not contain NUL characters", path or None)
            _reject_nul(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_nul(item, f"{path}[{index}]")


def convert(value: Any, model: type[T]) -> T:
    """Build ``model`` from already-decoded JSON (PATCH merges first, then converts)."""
    try:
        return msgspec.convert(value, model)
    except msgspec.ValidationError as error:
        raise validation_failure(error) from None


def validation_failure(error: msgspec.ValidationError) -> ValidationFailure:
    message = str(error)
    found = _FIELD_PATH.search(message)
    field = found.group(1) if found else ""
    missing = _MISSING_FIELD.search(message)
    if missing:
        field = f"{field}.{missing.group(1)}" if field else missing.group(1)
    return ValidationFailure(message, field or None)


def utc_field(value: datetime | None, field: str) -> datetime | None:
    """A decoded date-time as UTC (naive values are taken to be UTC); one that cannot be expressed in UTC is a
    ValidationFailure naming the field, not a 500."""
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationFailure(f"{field} is out of range", field) from None
