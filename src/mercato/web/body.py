"""JSON in: the request body decoded into a model, or a 4xx that names what is wrong."""

from __future__ import annotations

from typing import Any, TypeVar

from litestar import Request

from mercato.codec import decode
from mercato.errors import BadRequest, ErrorCode, UnsupportedMediaType

T = TypeVar("T")


async def read_json(request: Request[Any, Any, Any], model: type[T]) -> T:
    """The body as ``model``. An empty body reads as ``{}``, so models whose fields are all optional work."""
    body = await request.body()
    check_content_type(request, body)
    return decode(body or b"{}", model)


async def read_object(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The body as a JSON object, for PATCH: the keys that were sent are the fields that change."""
    changes: Any = await read_json(request, object)
    if not isinstance(changes, dict):
        raise BadRequest(ErrorCode.INVALID_REQUEST_BODY, "A PATCH body must be a JSON object")
    return changes


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
