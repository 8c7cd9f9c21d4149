"""JSON in: the request body decoded into a model, or a 4xx that names what is wrong."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec
from litestar import Request

from mercato.errors import BadRequest, ErrorCode, UnsupportedMediaType, ValidationFailure

T = TypeVar("T")

_FIELD_PATH = re.compile(r"at `\$\.?([^`]*)`")


async def read_json(request: Request[Any, Any, Any], model: type[T]) -> T:
    """The body as ``model``. An empty body is treated as ``{}`` so that models with all-optional fields work."""
    body = await request.body()
    check_content_type(request, body)
    return decode(body or b"{}", model)


def check_content_type(request: Request[Any, Any, Any], body: bytes) -> None:
    if not body:
        return
    media_type, _, parameters = request.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    charset = parameters.strip().lower().removeprefix("charset=").strip('"') if "charset" in parameters else "utf-8"
    if not (media_type == "application/json" or media_type.endswith("+json")) or charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(
            ErrorCode.INVALID_CONTENT_TYPE,
            "Request bodies must be JSON sent as Content-Type: application/json (UTF-8)",
            {"ContentType": request.headers.get("content-type")},
        )


def decode(body: bytes, model: type[T]) -> T:
    try:
        return msgspec.json.decode(body, type=model)
    except msgspec.ValidationError as error:
        raise validation_failure(error) from None
    except msgspec.DecodeError as error:
        raise BadRequest(ErrorCode.INVALID_REQUEST_BODY, f"The request body is not valid JSON: {error}") from None


def convert(value: Any, model: type[T]) -> T:
    """Build ``model`` from already-decoded JSON (used by PATCH after merging)."""
    try:
        return msgspec.convert(value, model)
    except msgspec.ValidationError as error:
        raise validation_failure(error) from None


def validation_failure(error: msgspec.ValidationError) -> ValidationFailure:
    message = str(error)
    match = _FIELD_PATH.search(message)
    field = match.group(1) if match else None
    if message.startswith("Object missing required field"):
        missing = re.search(r"field `([^`]*)`", message)
        if missing:
            field = f"{field}.{missing.group(1)}" if field else missing.group(1)
    return ValidationFailure(message, field or None)
