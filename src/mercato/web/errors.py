"""One exception handler: every failure leaves as OrderCloud's ``{"Errors": [...]}`` envelope."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, MethodNotAllowedException, NotFoundException
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from mercato.errors import ApiError, Conflict, ErrorCode, MethodNotAllowed, NotFound, ServerError, ServiceUnavailable
from mercato.web.logging import request_id_of
from mercato.web.responses import json_bytes

log = logging.getLogger("mercato.errors")

AnyRequest = Request[Any, Any, Any]


def error_response(error: ApiError) -> Response[bytes]:
    return Response(
        content=json_bytes(error.body()),
        status_code=error.status,
        media_type="application/json",
        headers=error.headers,
    )


def handle_exception(request: AnyRequest, exc: Exception) -> Response[bytes]:
    return error_response(to_api_error(request, exc))


def to_api_error(request: AnyRequest, exc: Exception) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, NotFoundException):
        return NotFound("Route", request.url.path)
    if isinstance(exc, MethodNotAllowedException):
        allowed = (exc.headers or {}).get("allow", "")
        return MethodNotAllowed(request.method, [m.strip() for m in allowed.split(",") if m.strip()])
    if isinstance(exc, IntegrityError):
        # A race the service's own checks could not see, such as two requests creating the same ID at once.
        log.warning("integrity conflict: %s", exc.orig, extra={"fields": {"request_id": request_id_of(request.scope)}})
        return Conflict("Conflict", "The request conflicts with a concurrent change; retry it.")
    if isinstance(exc, PoolTimeout):
        # Every pooled connection stayed busy past the pool's timeout: overload, not a bug. Nothing ran.
        log.warning("database pool exhausted", extra={"fields": {"request_id": request_id_of(request.scope)}})
        return ServiceUnavailable()
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        error = ApiError(ErrorCode.INVALID_REQUEST_BODY if exc.status_code == 400 else "Request.Invalid", exc.detail)
        error.status = exc.status_code
        return error
    request_id = request_id_of(request.scope)
    log.error(
        "unhandled exception",
        exc_info=exc,
        extra={"fields": {"request_id": request_id, "method": request.method, "path": request.url.path}},
    )
    return ServerError(request_id)
