"""The exception handler's mapping of failures that are not ApiErrors (web/errors.py)."""

from __future__ import annotations

import msgspec
from litestar.testing import RequestFactory
from sqlalchemy.exc import TimeoutError as PoolTimeout

from mercato.web.errors import handle_exception


def test_an_exhausted_database_pool_is_a_retryable_503() -> None:
    response = handle_exception(RequestFactory().get("/v1/me/products"), PoolTimeout("QueuePool limit reached"))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    body = msgspec.json.decode(response.content)
    assert body["Errors"][0]["ErrorCode"] == "ServiceUnavailable"


def test_anything_else_unexpected_is_a_500_with_the_request_id_and_no_details() -> None:
    response = handle_exception(RequestFactory().get("/v1/products"), KeyError("secret internals"))
    assert response.status_code == 500
    error = msgspec.json.decode(response.content)["Errors"][0]
    assert error["ErrorCode"] == "ServerError"
    assert set(error["Data"]) == {"RequestID"}
    assert b"secret internals" not in response.content
