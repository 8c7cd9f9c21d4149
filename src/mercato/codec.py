"""JSON to models and back, with msgspec; malformed input becomes the matching OrderCloud 400."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from mercato.errors import BadRequest, ErrorCode, ValidationFailure

T = TypeVar("T")

_FIELD_PATH = re.compile(r"at `\$\.?([^`]*)`")
_MISSING_FIELD = re.compile(r"missing required field `([^`]*)`")


def decode(body: bytes, model: type[T]) -> T:
    try:
        return msgspec.json.decode(body, type=model)
    except msgspec.ValidationError as error:
        raise validation_failure(error) from None
    except msgspec.DecodeError as error:
        raise BadRequest(ErrorCode.INVALID_REQUEST_BODY, f"The request body is not valid JSON: {error}") from None


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
